package dev.cliauth.core.flow.workload;

import com.sun.net.httpserver.HttpServer;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.oauth.OAuthHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** GitHub Actions' ID token endpoint, played by a server on 127.0.0.1 that answers as GitHub's does. */
class GitHubActionsTokenSourceTest {
    private static final String REQUEST_TOKEN = "ghs-request-token-123";
    private static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmFjbWUvYXBwIn0.c2ln";

    private HttpServer server;
    private final List<URI> requested = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private volatile int status = 200;
    private volatile String body = "{\"count\":1,\"value\":\"" + ID_TOKEN + "\"}";
    private final Map<String, String> env = new HashMap<>();
    private final OAuthHttp http = new OAuthHttp(Duration.ofSeconds(2), Duration.ofSeconds(5));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 4);
        server.createContext("/_apis/actions/idtoken", exchange -> {
            requested.add(exchange.getRequestURI());
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        env.put("ACTIONS_ID_TOKEN_REQUEST_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/_apis/actions/idtoken?api-version=2.0");
        env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private GitHubActionsTokenSource source() {
        return new GitHubActionsTokenSource(env, http);
    }

    @Test
    void asksForTheAudienceWithTheRequestTokenAndReturnsTheValue() {
        PlatformToken token = source().provide("https://id.example.com/realms/acme");

        assertThat(token.value()).isEqualTo(ID_TOKEN);
        assertThat(token.source()).isEqualTo("GitHub Actions");
        assertThat(requested).singleElement().satisfies(uri ->
                assertThat(uri.getRawQuery()).isEqualTo("api-version=2.0&audience=https%3A%2F%2Fid.example.com%2Frealms%2Facme"));
        assertThat(authorizations).containsExactly("Bearer " + REQUEST_TOKEN);
    }

    @Test
    void isEnabledOnlyWithBothVariables() {
        assertThat(source().enabled()).isTrue();
        env.remove("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
        assertThat(source().enabled()).isFalse();
    }

    @Test
    void withoutTheVariablesItSaysWhichAreExpectedInOneLine() {
        env.clear();
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> source().provide("aud"));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo("No GitHub Actions ID token: expected $ACTIONS_ID_TOKEN_REQUEST_URL and"
                + " $ACTIONS_ID_TOKEN_REQUEST_TOKEN (GitHub Actions with 'permissions: id-token: write').");
        assertThat(requested).isEmpty();
    }

    @Test
    void anErrorAnswerIsProviderUnavailableWithoutTheBodyOrTheRequestToken() {
        status = 500;
        body = "{\"message\":\"internal error for " + REQUEST_TOKEN + "\"}";
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> source().provide("aud"));
        assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("HTTP 500").doesNotContain(REQUEST_TOKEN).doesNotContain("internal error");
    }

    @Test
    void anAnswerWithoutAValueIsProviderUnavailable() {
        body = "{\"count\":0}";
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> source().provide("aud"));
        assertThat(e.failure()).isEqualTo(Failure.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("expected JSON with 'value'");
    }

    @Test
    void theRequestTokenGoesOnlyOverHttpsOrToLoopback() {
        env.put("ACTIONS_ID_TOKEN_REQUEST_URL", "http://actions.example.com/_apis/actions/idtoken?api-version=2.0");
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> source().provide("aud"));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).contains("must be an https URL").doesNotContain(REQUEST_TOKEN);
    }
}
