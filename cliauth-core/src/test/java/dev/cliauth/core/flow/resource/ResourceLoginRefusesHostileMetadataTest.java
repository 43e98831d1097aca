package dev.cliauth.core.flow.resource;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.FakeResource;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Metadata or a registration answer that would send the sign-in, or its code, somewhere else is refused with one line,
 * and nothing is stored: no profile, no session, no secret — and nothing further is sent.
 */
class ResourceLoginRefusesHostileMetadataTest {
    @TempDir
    Path dir;

    /** What the authorization server was asked in the last attempt. */
    private List<FakeProvider.Request> serverAsked;

    @Test
    void metadataAboutAnotherResourceIsRefusedBeforeTheServerIsAsked() throws Exception {
        CliauthException e = attempt((provider, api) -> api.statedResource = "https://api.other.example/mcp");
        assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
        assertThat(e.getMessage()).contains("is about the resource 'https://api.other.example/mcp'").contains("RFC 9728 §3.3");
        assertThat(serverAsked).isEmpty();
    }

    @Test
    void serverMetadataForAnotherIssuerIsRefusedBeforeRegistering() throws Exception {
        CliauthException e = attempt((provider, api) -> provider.statedIssuer = "https://evil.example/realms/test");
        assertThat(e.getMessage()).contains("says its issuer is 'https://evil.example/realms/test'");
        assertThat(serverAsked).allMatch(request -> request.method().equals("GET")); // its metadata only: no registration
    }

    @Test
    void aRegistrationWithARedirectUriNotAskedForIsRefused() throws Exception {
        CliauthException e = attempt((provider, api) -> provider.registrationTweak = client -> {
            client.put("redirect_uris", List.of("http://127.0.0.1/callback", "https://evil.example/callback"));
            return client;
        });
        assertThat(e.failure()).isEqualTo(Failure.LOGIN_FAILED);
        assertThat(e.getMessage()).contains("redirect URIs cliauth did not ask for").contains("nothing was stored");
    }

    @Test
    void aRegistrationWithoutAClientIdIsRefused() throws Exception {
        CliauthException e = attempt((provider, api) -> provider.registrationTweak = client -> {
            client.remove("client_id");
            return client;
        });
        assertThat(e.getMessage()).contains("registration endpoint").contains("refused").contains("nothing was stored");
    }

    @Test
    void aRegistrationOfAClientWithASecretIsRefused() throws Exception {
        CliauthException e = attempt((provider, api) -> provider.registrationTweak = client -> {
            client.put("token_endpoint_auth_method", "client_secret_basic");
            client.put("client_secret", "s3cret");
            return client;
        });
        assertThat(e.getMessage()).contains("not a public client").doesNotContain("s3cret");
    }

    @Test
    void aPlainHttpServerForAnHttpsResourceIsNeverAsked() throws Exception {
        // the resource's metadata names a non-loopback http server: refused before anything is sent to it
        CliauthException e = attempt((provider, api) -> api.authorizationServers = List.of("http://as.example.com/realms/test"));
        assertThat(e.getMessage()).contains("http://as.example.com/realms/test").contains("refused");
    }

    /** A login whose chain {@code script} makes hostile: it must fail, and leave nothing stored or sent past the refusal. */
    private CliauthException attempt(java.util.function.BiConsumer<FakeProvider, FakeResource> script) throws Exception {
        try (FakeProvider provider = new FakeProvider(); FakeResource api = new FakeResource()) {
            provider.offerRegistration = true;
            api.authorizationServers = List.of(provider.issuer().toString());
            script.accept(provider, api);
            Fixtures f = new Fixtures(dir);
            CliauthException e = catchThrowableOfType(CliauthException.class, () -> f.resourceLogin(new FollowingBrowser(), Fixtures.laptop(),
                    Policy.defaults()).run(ResourceRequest.of("mcp", api.resource()), Fixtures.BROWSER, false));
            assertThat(e).as("the login must be refused").isNotNull();
            assertThat(e.getMessage()).doesNotContain("\n");
            assertThat(f.profiles.load("mcp")).isEmpty();
            assertThat(f.tokens.load("mcp")).isEmpty();
            assertThat(f.tokens.loadSecret("mcp", ResourceLogin.REGISTRATION_TOKEN)).isEmpty();
            assertThat(provider.requestsTo("/auth")).isEmpty();
            assertThat(provider.requestsTo("/token")).isEmpty();
            serverAsked = List.copyOf(provider.requests);
            return e;
        }
    }

}
