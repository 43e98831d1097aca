package dev.cliauth.core.flow.pkce;

import com.nimbusds.jwt.SignedJWT;
import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.oauth.DpopKey;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.policy.DeviceFlowRule;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.TokenStorageRule;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9449: the code redemption and every refresh carry a fresh proof from the key kept with the session. */
class DpopBindsTheSessionTest {
    @TempDir
    Path dir;

    @Test
    void loginWithDpopBindsTheTokensAndRefreshProvesTheSameKey() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            provider.requireDpopNonce = true; // and the use_dpop_nonce round is handled
            Fixtures f = new Fixtures(dir);

            Session session = f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider).withDpop(true), Fixtures.BROWSER, false);

            assertThat(session.tokens().tokenType()).isEqualTo("DPoP");
            assertThat(session.dpopKey()).isPresent();
            assertThat(session.toString()).doesNotContain(session.dpopKey().get());
            String jkt = DpopKey.parse(session.dpopKey().get()).thumbprint();
            List<String> proofs = provider.dpopProofs;
            assertThat(proofs).hasSize(2).doesNotContainNull(); // the first was answered use_dpop_nonce
            assertThat(SignedJWT.parse(proofs.get(1)).getJWTClaimsSet().getStringClaim("nonce")).isNotBlank();
            assertThat(SignedJWT.parse(proofs.get(1)).getHeader().getJWK().computeThumbprint().toString()).isEqualTo(jkt);
            assertThat(f.tokens.load("test").orElseThrow().dpopKey()).isEqualTo(session.dpopKey());

            Clock later = Clock.fixed(Instant.now().plusSeconds(3600), ZoneOffset.UTC);
            Session refreshed = f.current(later, Fixtures.profile(provider).withDpop(true));

            assertThat(refreshed.tokens().accessToken()).isNotEqualTo(session.tokens().accessToken());
            assertThat(refreshed.dpopKey()).isEqualTo(session.dpopKey());
            String refreshProof = proofs.get(proofs.size() - 1);
            assertThat(SignedJWT.parse(refreshProof).getHeader().getJWK().computeThumbprint().toString()).isEqualTo(jkt);
            assertThat(SignedJWT.parse(refreshProof).getJWTClaimsSet().getJWTID())
                    .isNotEqualTo(SignedJWT.parse(proofs.get(1)).getJWTClaimsSet().getJWTID());
        }
    }

    @Test
    void aPolicyRequiringDpopMakesEveryLoginUseIt() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            Policy requireDpop = dev.cliauth.core.policy.TestPolicies.requireDpop();
            Session session = f.login(new FollowingBrowser(), Fixtures.laptop(), requireDpop).run(Fixtures.profile(provider), Fixtures.BROWSER, false);
            assertThat(session.tokens().tokenType()).isEqualTo("DPoP");
        }
    }

    @Test
    void withoutDpopNoProofIsSent() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            Session session = f.login(new FollowingBrowser(), Fixtures.laptop()).run(Fixtures.profile(provider), Fixtures.BROWSER, false);
            assertThat(session.tokens().tokenType()).isEqualTo("Bearer");
            assertThat(provider.dpopProofs).containsOnlyNulls();
        }
    }

}
