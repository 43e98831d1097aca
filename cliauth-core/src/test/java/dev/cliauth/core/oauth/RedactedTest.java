package dev.cliauth.core.oauth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code --verbose} may show of a protocol message: plumbing in clear, every credential redacted. */
class RedactedTest {

    @Test
    void aCodeRedemptionShowsItsGrantAndClientButNotTheCodeOrVerifier() {
        String body = "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=http%3A%2F%2F127.0.0.1%3A53111%2Fcallback"
                + "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&client_id=cliauth";

        String shown = Redacted.form(body);

        assertThat(shown).isEqualTo("grant_type=authorization_code&code=<redacted>&redirect_uri=http://127.0.0.1:53111/callback"
                + "&code_verifier=<redacted>&client_id=cliauth");
        // a preset's extra authorization parameters (WorkOS's provider, Auth0's audience) are plumbing too
        assertThat(Redacted.form("provider=authkit&audience=https://api.example.com&state=s3cr3t-state"))
                .isEqualTo("provider=authkit&audience=https://api.example.com&state=<redacted>");
    }

    @Test
    void everyKindOfCredentialInARequestIsRedacted() {
        String body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=eyJsubject.payload.sig"
                + "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt&client_assertion=eyJassert.payload.sig"
                + "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_secret=hunter2hunter2"
                + "&refresh_token=rt-123456&device_code=GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS&assertion=eyJbearer.a.b&state=af0ifjsldkj"
                + "&password=pa55word&token=tok-abcdef";

        String shown = Redacted.form(body);

        assertThat(shown).contains("subject_token_type=urn:ietf:params:oauth:token-type:jwt",
                "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        for (String secret : List.of("eyJsubject", "eyJassert", "hunter2", "rt-123456", "GmRhmhcx", "eyJbearer", "af0ifjsldkj", "pa55word", "tok-abcdef")) {
            assertThat(shown).doesNotContain(secret);
        }
        assertThat(shown).contains("subject_token=<redacted>", "client_secret=<redacted>", "device_code=<redacted>", "state=<redacted>");
    }

    @Test
    void aTokenResponseShowsItsTypeAndLifetimeButNoToken() {
        String body = "{\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln\",\"expires_in\":300,\"refresh_expires_in\":1800,"
                + "\"refresh_token\":\"eyJhbGciOiJIUzUxMiJ9.cmVmcmVzaA.c2lnMg\",\"token_type\":\"DPoP\",\"id_token\":\"eyJpZA.eyJpZHQ.c2lnMw\","
                + "\"not-before-policy\":0,\"session_state\":\"5c2c0f3e-1f5e-4d55-8e31-2b3c7ee0f6f1\",\"scope\":\"openid profile email\","
                + "\"x_custom_credential\":{\"inner\":\"s3cret-inner\"}}";

        String shown = Redacted.json(body);

        assertThat(shown).contains("\"token_type\":\"DPoP\"", "\"expires_in\":300", "\"scope\":\"openid profile email\"",
                "\"access_token\":\"<redacted>\"", "\"session_state\":\"<redacted>\"", "\"x_custom_credential\":{\"inner\":\"<redacted>\"}");
        assertThat(shown).doesNotContain("eyJ", "c2ln", "5c2c0f3e", "s3cret-inner");
    }

    @Test
    void aDeviceAuthorizationResponseHidesBothCodesAndTheCompleteUri() {
        String body = "{\"device_code\":\"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS\",\"user_code\":\"WDJB-MJHT\","
                + "\"verification_uri\":\"https://id.example.com/device\",\"verification_uri_complete\":\"https://id.example.com/device?user_code=WDJB-MJHT\","
                + "\"expires_in\":1800,\"interval\":5}";

        String shown = Redacted.json(body);

        assertThat(shown).contains("\"verification_uri\":\"https://id.example.com/device\"", "\"interval\":5")
                .doesNotContain("GmRhmhcx", "WDJB-MJHT");
    }

    @Test
    void providerMetadataAndPublicKeysStayReadable() {
        String body = "{\"issuer\":\"https://id.example.com\",\"token_endpoint\":\"https://id.example.com/token\","
                + "\"grant_types_supported\":[\"authorization_code\",\"refresh_token\"],\"keys\":[{\"kid\":\"k1\",\"kty\":\"RSA\",\"n\":\"0vx7agoebGc\"}]}";

        String shown = Redacted.json(body);

        assertThat(shown).isEqualTo("{\"grant_types_supported\":[\"authorization_code\",\"refresh_token\"],\"issuer\":\"https://id.example.com\","
                + "\"keys\":[{\"kid\":\"k1\",\"kty\":\"RSA\",\"n\":\"<redacted>\"}],\"token_endpoint\":\"https://id.example.com/token\"}");
    }

    @Test
    void anErrorDescriptionThatEchoesTheClientSecretOrARefreshTokenIsScrubbed() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("ci-bot:s3cr3t%2Bvalue".getBytes(StandardCharsets.UTF_8));
        List<String> hidden = Redacted.hiddenValues("grant_type=refresh_token&refresh_token=rt-0123456789",
                Map.of("Authorization", List.of(basic)));

        String shown = Redacted.json("{\"error\":\"invalid_grant\",\"error_description\":\"token rt-0123456789 for secret s3cr3t+value is bad\"}", hidden);

        assertThat(shown).isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"token <redacted> for secret <redacted> is bad\"}");
    }

    @Test
    void headersShowTheSchemeButNeverTheCredentialOrProof() {
        assertThat(Redacted.header("Authorization", "Bearer eyJ.abc.def")).isEqualTo("Authorization: Bearer <redacted>");
        assertThat(Redacted.header("authorization", "Basic Y2xpZW50OnNlY3JldA==")).isEqualTo("authorization: Basic <redacted>");
        assertThat(Redacted.header("DPoP", "eyJ0eXAiOiJkcG9wK2p3dCJ9.e30.sig")).isEqualTo("DPoP: <redacted> (proof)");
        assertThat(Redacted.header("Content-Type", "application/json")).isEqualTo("Content-Type: application/json");
    }

    @Test
    void aBodyThatIsNotJsonIsMeasuredNotShownAndNoControlCharacterReachesTheTerminal() {
        assertThat(Redacted.json("<html><body>access_token=abc123456</body></html>")).isEqualTo("(not a JSON object, 48 characters)");
        assertThat(Redacted.json("{\"error\":\"x\",\"error_description\":\"line\\u001b[2J\\nnext\"}"))
                .isEqualTo("{\"error\":\"x\",\"error_description\":\"line [2J next\"}");
        assertThat(Redacted.form("%zz=1&code=abc12345")).contains("code=<redacted>").doesNotContain("abc12345");
    }
}
