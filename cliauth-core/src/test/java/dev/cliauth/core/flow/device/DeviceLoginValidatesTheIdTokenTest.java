package dev.cliauth.core.flow.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cliauth.core.flow.device.DeviceTestBed.CLIENT_ID;
import static dev.cliauth.core.flow.device.DeviceTestBed.JWKS_PATH;
import static dev.cliauth.core.flow.device.DeviceTestBed.json;
import static dev.cliauth.core.flow.device.DeviceTestBed.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** With {@code openid} in the scope, the granted ID token must be valid (no nonce in this flow) before there is a session. */
class DeviceLoginValidatesTheIdTokenTest {
    private static final DeviceOptions QUIET = new DeviceOptions(false, false, false);
    private static RSAKey key;

    @BeforeAll
    static void makeKey() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    @Test
    void aValidIdTokenNamesTheSessionsSubject() throws Exception {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            serveKeys(bed);
            bed.issuesCodes(600);
            bed.pollsAnswer(pending(), tokensWithIdToken(idToken(bed, CLIENT_ID)));

            DeviceOutcome outcome = bed.login().login(openIdProfile(bed), bed.metadata(), QUIET);

            Session session = ((DeviceOutcome.Completed) outcome).session();
            assertThat(session.subject()).contains("user-123");
            assertThat(session.username()).contains("alice");
            assertThat(session.grant()).isEqualTo(DeviceLogin.GRANT);
        }
    }

    @Test
    void anIdTokenForAnotherClientFailsTheLogin() throws Exception {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            serveKeys(bed);
            bed.issuesCodes(600);
            bed.pollsAnswer(tokensWithIdToken(idToken(bed, "someone-else")));

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login().login(openIdProfile(bed), bed.metadata(), QUIET));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
            assertThat(e.getMessage()).contains("ID token");
        }
    }

    @Test
    void noIdTokenForAnOpenIdRequestFailsTheLogin() {
        try (DeviceTestBed bed = new DeviceTestBed()) {
            bed.issuesCodes(600);
            bed.pollsAnswer(DeviceTestBed.tokens());

            CliauthException e = catchThrowableOfType(CliauthException.class, () -> bed.login().login(openIdProfile(bed), bed.metadata(), QUIET));

            assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
        }
    }

    private static Profile openIdProfile(DeviceTestBed bed) {
        return bed.profile().withScope("openid profile");
    }

    private static void serveKeys(DeviceTestBed bed) {
        bed.provider.stubFor(get(urlPathEqualTo(JWKS_PATH)).willReturn(json(200, new JWKSet(key.toPublicJWK()).toString())));
    }

    /** The ID token is checked against the real time (Nimbus's validator), so it is minted now. */
    private static String idToken(DeviceTestBed bed, String audience) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(bed.issuer().toString()).subject("user-123").audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", "alice").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokensWithIdToken(String idToken) {
        return json(200, "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\"" + idToken + "\"}");
    }
}
