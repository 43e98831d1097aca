package dev.cliauth.core.token.keychain;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The piece protocol of {@link ChunkedKeychain}: a crash at any point of a write leaves the old secret or the new one,
 * whole; a reader that meets a writer half-way starts again and never puts together pieces of two writes.
 */
class ChunkedKeychainTest {
    static final SecretLimit SMALL = new SecretLimit(200, StandardCharsets.UTF_16LE);
    static final String OLD = "old-" + "o".repeat(300);
    static final String NEW = "new-" + "n".repeat(450);

    /** A memory keychain whose items hold at most {@link #SMALL}, refusing more as the Credential Manager does. */
    static class Limited extends MemoryKeychain {
        @Override
        public Optional<SecretLimit> limit() {
            return Optional.of(SMALL);
        }

        @Override
        public synchronized void set(String service, String account, String secret) {
            if (!SMALL.fits(secret)) {
                throw new IllegalStateException("too large for one item");
            }
            super.set(service, account, secret);
        }
    }

    /** The process dying: no catch block of the writer runs. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** Dies before its {@code n}th change (a set or a delete). */
    static final class CrashingAfter extends Limited {
        int changesLeft;

        CrashingAfter(int changes) {
            changesLeft = changes;
        }

        private void change() {
            if (changesLeft-- <= 0) {
                throw new Crash();
            }
        }

        @Override
        public synchronized void set(String service, String account, String secret) {
            change();
            super.set(service, account, secret);
        }

        @Override
        public synchronized boolean delete(String service, String account) {
            change();
            return super.delete(service, account);
        }
    }

    @Test
    void aCrashAnywhereInAWriteLeavesTheOldSecretOrTheNewOneWhole() {
        for (int changes = 0; changes < 20; changes++) {
            CrashingAfter keychain = new CrashingAfter(Integer.MAX_VALUE);
            new ChunkedKeychain(keychain).set("cliauth", "work", OLD);
            keychain.changesLeft = changes;
            try {
                new ChunkedKeychain(keychain).set("cliauth", "work", NEW);
            } catch (Crash expected) {
                // the writer died here
            }
            keychain.changesLeft = Integer.MAX_VALUE;
            Optional<String> read = new ChunkedKeychain(keychain).get("cliauth", "work");
            assertThat(read).as("after " + changes + " changes").isIn(Optional.of(OLD), Optional.of(NEW));
        }
    }

    @Test
    void aFailedWriteKeepsTheOldSecretAndTakesBackItsPieces() {
        Limited keychain = new Limited();
        new ChunkedKeychain(keychain).set("cliauth", "work", OLD);
        Map<String, String> before = Map.copyOf(keychain.items);
        MemoryKeychain failing = new Limited() {
            int sets;

            @Override
            public synchronized void set(String service, String account, String secret) {
                if (++sets == 3) {
                    throw new IllegalStateException("the keychain went away");
                }
                keychain.set(service, account, secret);
            }

            @Override
            public synchronized Optional<String> get(String service, String account) {
                return keychain.get(service, account);
            }

            @Override
            public synchronized boolean delete(String service, String account) {
                return keychain.delete(service, account);
            }
        };

        assertThat(catchThrowableOfType(IllegalStateException.class, () -> new ChunkedKeychain(failing).set("cliauth", "work", NEW))).isNotNull();

        assertThat(keychain.items).isEqualTo(before);
        assertThat(new ChunkedKeychain(keychain).get("cliauth", "work")).contains(OLD);
    }

    @Test
    void aReaderThatMeetsAWriterHalfWayStartsAgainAndReadsTheNewSecret() {
        Limited shared = new Limited();
        new ChunkedKeychain(shared).set("cliauth", "work", OLD);
        boolean[] written = {false};
        // the reader's keychain: when it asks for the second piece, a whole write of NEW happens first
        MemoryKeychain readerView = new Limited() {
            @Override
            public synchronized Optional<String> get(String service, String account) {
                if (account.endsWith(".2") && !written[0]) {
                    written[0] = true;
                    new ChunkedKeychain(shared).set("cliauth", "work", NEW);
                }
                return shared.get(service, account);
            }
        };

        assertThat(new ChunkedKeychain(readerView).get("cliauth", "work")).contains(NEW);
        assertThat(written[0]).isTrue();
    }

    @Test
    void piecesThatDoNotMatchTheirIndexAreNeverReturned() {
        Limited keychain = new Limited();
        new ChunkedKeychain(keychain).set("cliauth", "work", OLD);
        String second = keychain.items.keySet().stream().filter(k -> k.endsWith(".2")).findFirst().orElseThrow();
        keychain.items.put(second, "x".repeat(keychain.items.get(second).length())); // same size, other content

        CliauthException e = catchThrowableOfType(CliauthException.class, () -> new ChunkedKeychain(keychain).get("cliauth", "work"));

        assertThat(e.failure()).isEqualTo(Failure.STORAGE);
        assertThat(e.getMessage()).contains("cliauth/work").contains("pieces");
    }

    @Test
    void deleteRemovesTheIndexFirstThenEveryPiece() {
        Limited keychain = new Limited();
        new ChunkedKeychain(keychain).set("cliauth", "work", NEW);
        assertThat(keychain.items.size()).isGreaterThan(2);

        assertThat(new ChunkedKeychain(keychain).delete("cliauth", "work")).isTrue();

        assertThat(keychain.items).isEmpty();
        assertThat(new ChunkedKeychain(keychain).delete("cliauth", "work")).isFalse();
    }

    @Test
    void aSecretThatLooksLikeAnIndexIsStoredInPiecesSoItReadsBackAsItself() {
        Limited keychain = new Limited();
        String tricky = ChunkedKeychain.INDEX + "0123456789abcdef 2 xyz";

        new ChunkedKeychain(keychain).set("cliauth", "work", tricky);

        assertThat(new ChunkedKeychain(keychain).get("cliauth", "work")).contains(tricky);
    }

    @Test
    void piecesNeverCutACharacterInTwo() {
        String secret = "🔑é".repeat(100);
        List<String> pieces = ChunkedKeychain.split(secret, SMALL);

        assertThat(String.join("", pieces)).isEqualTo(secret);
        assertThat(pieces).allMatch(SMALL::fits).allMatch(p -> !Character.isHighSurrogate(p.charAt(p.length() - 1)));
        assertThat(new ChunkedKeychain(new MemoryKeychain()).limit()).isEmpty();
    }
}
