package dev.cliauth.core.token.keychain;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.SessionCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KeychainTokenStoreTest {
    private final MemoryKeychain keychain = new MemoryKeychain();
    private final KeychainTokenStore store = new KeychainTokenStore(keychain);

    @Test
    void roundTripsASessionAsOneItemPerProfile() {
        Session session = TestSessions.session("work");

        store.save(session);

        assertThat(keychain.items).containsOnlyKeys("cliauth/work").containsEntry("cliauth/work", SessionCodec.encode(session));
        assertThat(store.load("work")).contains(session);
        assertThat(store.load("other")).isEmpty();
    }

    @Test
    void savingAgainReplacesTheSession() {
        Session session = TestSessions.session("work");
        store.save(session);

        store.save(TestSessions.refreshed(session));

        assertThat(keychain.items).hasSize(1);
        assertThat(store.load("work")).contains(TestSessions.refreshed(session));
    }

    @Test
    void deleteSaysWhetherThereWasASession() {
        store.save(TestSessions.session("work"));

        assertThat(store.delete("work")).isTrue();
        assertThat(store.delete("work")).isFalse();
        assertThat(store.load("work")).isEmpty();
    }

    @Test
    void describesTheItemAndTheKeychain() {
        assertThat(store.describe("work")).isEqualTo("keychain (Memory Keychain) item cliauth/work");
    }

    @Test
    void anInvalidProfileNameNeverReachesTheKeychain() {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> store.load("../x"));

        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(keychain.items).isEmpty();
    }

    @Test
    void aDamagedItemIsAStorageErrorThatNamesTheItemButNoTokenValue() {
        keychain.set("cliauth", "work", "{\"refresh_token\":\"rt-SECRET\",\"issuer\":\"https://x\"}");

        CliauthException e = catchThrowableOfType(CliauthException.class, () -> store.load("work"));

        assertThat(e.failure()).isEqualTo(Failure.STORAGE);
        assertThat(e.getMessage()).contains("keychain item cliauth/work").contains("access_token").doesNotContain("SECRET");
    }
}
