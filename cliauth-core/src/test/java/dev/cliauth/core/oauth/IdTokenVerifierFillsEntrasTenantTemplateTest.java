package dev.cliauth.core.oauth;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.cliauth.core.CliauthException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Entra ID's multi-tenant issuer template: an ID token's iss must be the template with the token's own tid
 * (https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens#validate-the-issuer).
 */
class IdTokenVerifierFillsEntrasTenantTemplateTest {
    private static final String TID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private WireMockServer server;
    private RSAKey key;
    private OIDCProviderMetadata metadata;
    private String root;

    @BeforeEach
    void start() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        key = new RSAKeyGenerator(2048).keyID("entra-1").generate();
        server.stubFor(get(urlPathEqualTo("/common/discovery/v2.0/keys")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(new JWKSet(key.toPublicJWK()).toString())));
        root = "http://127.0.0.1:" + server.port();
        metadata = new OIDCProviderMetadata(new Issuer(IssuerTemplate.encode(root + "/{tenantid}/v2.0")), List.of(SubjectType.PAIRWISE),
                URI.create(root + "/common/discovery/v2.0/keys"));
        metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.RS256));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String idToken(String iss, String tid) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(iss).subject("s-1").audience("app-id")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("nonce", "n-1");
        if (tid != null) {
            claims.claim("tid", tid);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private IdTokenVerifier verifier() {
        return new IdTokenVerifier(new OAuthHttp(Duration.ofSeconds(5), Duration.ofSeconds(5)), 60);
    }

    @Test
    void theIssuerOfTheTokensOwnTenantIsAccepted() throws Exception {
        assertThat(verifier().verify(idToken(root + "/" + TID + "/v2.0", TID), metadata, "app-id", new Nonce("n-1")).getSubject().getValue())
                .isEqualTo("s-1");
    }

    @Test
    void anIssuerOfAnotherTenantThanTheTokensTidIsRejected() throws Exception {
        String token = idToken(root + "/00000000-0000-0000-0000-000000000001/v2.0", TID);
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> verifier().verify(token, metadata, "app-id", new Nonce("n-1")));
        assertThat(e.getMessage()).contains("rejected");
    }

    @Test
    void aTokenWithoutATenantIdCannotFillTheTemplate() throws Exception {
        String token = idToken(root + "/" + TID + "/v2.0", null);
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> verifier().verify(token, metadata, "app-id", new Nonce("n-1")));
        assertThat(e.getMessage()).contains("no tenant id (tid)").contains("{tenantid}");
    }

    @Test
    void aTidThatIsNotATenantIdIsNotPutIntoTheIssuer() throws Exception {
        String token = idToken(root + "/x/../" + TID + "/v2.0", "x/../" + TID);
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> verifier().verify(token, metadata, "app-id", new Nonce("n-1")));
        assertThat(e.getMessage()).contains("no tenant id (tid)");
    }
}
