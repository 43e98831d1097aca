package dev.cliauth.core.flow.device;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.DpopKey;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cliauth.core.flow.device.DeviceTestBed.TOKEN_PATH;
import static dev.cliauth.core.flow.device.DeviceTestBed.json;
import static dev.cliauth.core.flow.device.DeviceTestBed.pending;
import static dev.cliauth.core.flow.device.DeviceTestBed.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * RFC 9449 §5 on the device flow: with {@code --dpop} every poll of the token endpoint carries a fresh proof made
 * with one key, the tokens must come back DPoP-bound, and the key is kept with the session for later refreshes.
 */
class DeviceLoginBindsTokensWithDpopTest {
    private static final DeviceOptions QUIET = new DeviceOptions(false, false, false);

    private static List<LoggedRequest> tokenRequests(DeviceTestBed bed) {
        return bed.provider.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void everyPollCarriesAFreshProofFromTheKeyTheSessionKeeps() throws Exception {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(pending(), pending(),
                    json(200, "{\"access_token\":\"at-1\",\"token_type\":\"DPoP\",\"expires_in\":300,\"refresh_token\":\"rt-1\"}"));

            DeviceOutcome outcome = bed.login().login(bed.profile().withDpop(true), bed.metadata(), QUIET);

            Session session = ((DeviceOutcome.Completed) outcome).session();
            assertThat(session.tokens().tokenType()).isEqualTo("DPoP");
            String kept = DpopKey.parse(session.dpopKey().orElseThrow()).thumbprint();
            List<LoggedRequest> polls = tokenRequests(bed);
            assertThat(polls).hasSize(3);
            Set<String> ids = new HashSet<>();
            for (LoggedRequest poll : polls) {
                SignedJWT proof = SignedJWT.parse(poll.getHeader("DPoP"));
                assertThat(proof.getHeader().getType().getType()).isEqualTo("dpop+jwt");
                JWK jwk = proof.getHeader().getJWK();
                assertThat(jwk.isPrivate()).isFalse();
                assertThat(jwk.computeThumbprint().toString()).isEqualTo(kept);
                assertThat(proof.getJWTClaimsSet().getStringClaim("htm")).isEqualTo("POST");
                assertThat(proof.getJWTClaimsSet().getStringClaim("htu")).isEqualTo(bed.base() + TOKEN_PATH);
                ids.add(proof.getJWTClaimsSet().getJWTID());
            }
            assertThat(ids).as("a fresh jti on every poll").hasSize(3);
        }
    }

    @Test
    void aBearerTokenWhereDpopWasAskedForIsRefusedAndNothingIsReturned() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(tokens());

            CliauthException e = catchThrowableOfType(CliauthException.class,
                    () -> bed.login().login(bed.profile().withDpop(true), bed.metadata(), QUIET));

            assertThat(e).isNotNull();
            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
            assertThat(e.getMessage()).contains("DPoP was asked for").contains("Bearer");
        }
    }

    @Test
    void withoutDpopNoPollCarriesAProof() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(pending(), tokens());

            DeviceOutcome outcome = bed.login().login(bed.profile(), bed.metadata(), QUIET);

            assertThat(((DeviceOutcome.Completed) outcome).session().dpopKey()).isEmpty();
            assertThat(tokenRequests(bed)).hasSize(2).allSatisfy(poll -> assertThat(poll.containsHeader("DPoP")).isFalse());
        }
    }
}
