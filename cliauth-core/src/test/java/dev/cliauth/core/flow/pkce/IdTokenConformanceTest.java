package dev.cliauth.core.flow.pkce;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** OpenID RP conformance for ID tokens, each case driven through a misbehaving provider; a rejected login stores nothing. */
class IdTokenConformanceTest {
    @TempDir
    Path dir;

    @Test
    void es256SignaturesAreAccepted() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.signing = FakeProvider.Signing.ES256;
            assertThat(signIn(provider).subject()).contains(FakeProvider.SUBJECT);
        }
    }

    @Test
    void anHs256TokenForgedWithThePublicKeyIsRejected() throws Exception {
        assertRejected(p -> p.signing = FakeProvider.Signing.HS256_WITH_PUBLIC_KEY);
    }

    @Test
    void anUnsignedTokenIsRejected() throws Exception {
        assertRejected(p -> p.signing = FakeProvider.Signing.NONE);
    }

    @Test
    void anUnknownKeyIsLookedUpOnceMoreThenRejected() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.signing = FakeProvider.Signing.UNKNOWN_KID;
            assertRejectedBy(provider);
            assertThat(provider.requestsTo("/certs")).hasSizeBetween(1, 2);
        }
    }

    @Test
    void aRotatedKeyIsFoundByRefetchingTheKeySet() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.staleJwks.set(1);
            assertThat(signIn(provider).subject()).contains(FakeProvider.SUBJECT);
            assertThat(provider.requestsTo("/certs")).hasSize(2);
        }
    }

    @Test
    void multipleAudiencesNeedAzpToBeTheClient() throws Exception {
        assertRejected(p -> p.idTokenTweak = c -> c.audience(List.of(FakeProvider.CLIENT_ID, "other-api")));
        try (FakeProvider provider = new FakeProvider()) {
            provider.idTokenTweak = c -> c.audience(List.of(FakeProvider.CLIENT_ID, "other-api")).claim("azp", FakeProvider.CLIENT_ID);
            assertThat(signIn(provider).subject()).contains(FakeProvider.SUBJECT);
        }
    }

    @Test
    void aMissingAudienceIsRejected() throws Exception {
        assertRejected(p -> p.idTokenTweak = c -> c.audience((String) null));
    }

    @Test
    void anIssuedAtInTheFutureBeyondTheSkewIsRejected() throws Exception {
        assertRejected(p -> p.idTokenTweak = c -> c.issueTime(new Date(System.currentTimeMillis() + 3_600_000L))
                .expirationTime(new Date(System.currentTimeMillis() + 7_200_000L)));
    }

    @Test
    void aMissingSubjectIsRejected() throws Exception {
        assertRejected(p -> p.idTokenTweak = c -> c.subject(null));
    }

    private dev.cliauth.core.token.Session signIn(FakeProvider provider) {
        Fixtures f = new Fixtures(dir);
        return f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false);
    }

    private void assertRejected(java.util.function.Consumer<FakeProvider> misbehave) throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            misbehave.accept(provider);
            assertRejectedBy(provider);
        }
    }

    private void assertRejectedBy(FakeProvider provider) {
        Fixtures f = new Fixtures(dir);
        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false));
        assertThat(e).as("login must fail").isNotNull();
        assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
        assertThat(e.getMessage()).contains("ID token");
        assertThat(f.tokens.load("test")).isEmpty();
    }

}
