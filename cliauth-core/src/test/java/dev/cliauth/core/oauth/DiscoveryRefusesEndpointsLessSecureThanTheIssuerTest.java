package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An https issuer whose configuration names a plain-http endpoint is refused with one line naming the endpoint, before
 * anything is sent to it; a loopback issuer (a dev or test provider) may use http. The provider's answers come from a
 * scripted transport: an https issuer that is not loopback cannot be served from 127.0.0.1.
 */
class DiscoveryRefusesEndpointsLessSecureThanTheIssuerTest {
    private static final String ISSUER = "https://id.example.com/realms/acme";
    private final List<URI> sent = new ArrayList<>();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"authorization_endpoint", "token_endpoint", "pushed_authorization_request_endpoint", "device_authorization_endpoint",
            "revocation_endpoint", "userinfo_endpoint", "end_session_endpoint", "jwks_uri"})
    void anHttpEndpointOfAnHttpsIssuerIsRefusedNamingIt(String endpoint) {
        String document = document(ISSUER, "https://id.example.com/realms/acme/protocol").replace(
                "\"" + endpoint + "\":\"https://", "\"" + endpoint + "\":\"http://");

        CliauthException e = catchThrowableOfType(CliauthException.class, () -> discovery(document).discover(URI.create(ISSUER)));

        assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).doesNotContain("\n").contains(endpoint + " http://id.example.com/").contains("not https");
        assertThat(sent).containsExactly(URI.create(ISSUER + "/.well-known/openid-configuration"));
    }

    @Test
    void httpsEndpointsOfAnHttpsIssuerAreUsed() {
        var metadata = discovery(document(ISSUER, "https://login.example.net/protocol")).discover(URI.create(ISSUER));
        assertThat(metadata.getTokenEndpointURI()).isEqualTo(URI.create("https://login.example.net/protocol/token"));
    }

    @Test
    void aLoopbackIssuerMayNameHttpEndpoints() {
        String issuer = "http://127.0.0.1:8180/realms/open";
        var metadata = discovery(document(issuer, "http://127.0.0.1:8180/realms/open/protocol")).discover(URI.create(issuer));
        assertThat(metadata.getDeviceAuthorizationEndpointURI()).hasScheme("http");
    }

    private Discovery discovery(String document) {
        return new Discovery(OAuthHttp.over(request -> {
            sent.add(request.getURI());
            HTTPResponse response = new HTTPResponse(200);
            try {
                response.setContentType("application/json");
            } catch (com.nimbusds.oauth2.sdk.ParseException e) {
                throw new IllegalStateException(e);
            }
            response.setBody(document);
            return response;
        }, line -> { }));
    }

    private static String document(String issuer, String base) {
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + base + "/auth\",\"token_endpoint\":\"" + base + "/token\","
                + "\"pushed_authorization_request_endpoint\":\"" + base + "/par\",\"device_authorization_endpoint\":\"" + base + "/device\","
                + "\"revocation_endpoint\":\"" + base + "/revoke\",\"userinfo_endpoint\":\"" + base + "/userinfo\","
                + "\"end_session_endpoint\":\"" + base + "/logout\",\"jwks_uri\":\"" + base + "/certs\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }
}
