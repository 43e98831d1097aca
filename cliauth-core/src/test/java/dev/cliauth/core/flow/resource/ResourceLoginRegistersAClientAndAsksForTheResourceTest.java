package dev.cliauth.core.flow.resource;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ResourceBinding;
import dev.cliauth.core.flow.token.GetToken;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.FakeResource;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.testing.FollowingBrowser;
import dev.cliauth.core.token.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code login --resource} with nothing configured: the resource's 401 names its metadata, the metadata its server,
 * cliauth registers a public native client there, signs in through the normal login, and the resource goes along in
 * the authorization, token and refresh requests; the profile remembers it all but the registration token, which is
 * kept with the session.
 */
class ResourceLoginRegistersAClientAndAsksForTheResourceTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void discoversRegistersSignsInAndRefreshesForTheResource() throws Exception {
        try (FakeProvider provider = new FakeProvider(); FakeResource api = new FakeResource()) {
            provider.offerRegistration = true;
            api.authorizationServers = List.of(provider.issuer().toString());
            Fixtures f = new Fixtures(dir);
            String resource = api.resource().toString();

            Session session = f.resourceLogin(new FollowingBrowser(), Fixtures.laptop(), Policy.defaults())
                    .run(ResourceRequest.of("mcp", api.resource()), Fixtures.BROWSER, false);

            // the chain: the 401 named the metadata, the metadata the server
            assertThat(api.requests).containsExactly("GET /mcp", "GET " + api.metadataUrl().getPath());
            assertThat(f.lines).contains("The protected resource " + resource + " is signed in to at " + provider.issuer() + " (the only one it names).");
            // RFC 7591: a public native client for the loopback redirect, no secret
            assertThat(provider.registrationRequests).hasSize(1);
            Map<String, Object> asked = JSONObjectUtils.parse(provider.registrationRequests.get(0));
            assertThat(asked).containsEntry("redirect_uris", List.of("http://127.0.0.1/callback")).containsEntry("token_endpoint_auth_method", "none")
                    .containsEntry("application_type", "native").containsEntry("client_name", "cliauth");
            assertThat((List<Object>) asked.get("grant_types")).containsExactlyInAnyOrder("authorization_code", "refresh_token");
            assertThat(session.clientId()).startsWith("registered-");
            assertThat(session.issuer()).isEqualTo(provider.issuer());
            // RFC 8707: the resource in the authorization request and the code's redemption
            assertThat(provider.requestsTo("/auth").get(0).param("resource")).isEqualTo(resource);
            assertThat(provider.requestsTo("/auth").get(0).param("client_id")).isEqualTo(session.clientId());
            FakeProvider.Request redeem = provider.requestsTo("/token").get(0);
            assertThat(redeem.param("grant_type")).isEqualTo("authorization_code");
            assertThat(redeem.param("resource")).isEqualTo(resource);
            // the scope: the server's OpenID scopes and the resource's own
            assertThat(provider.requestsTo("/auth").get(0).param("scope")).isEqualTo("openid profile email mcp:tools");

            // the profile remembers resource, server and client; the registration token is a secret, kept with the session
            Profile saved = f.profiles.load("mcp").orElseThrow();
            assertThat(saved.issuer()).isEqualTo(provider.issuer());
            assertThat(saved.clientId()).isEqualTo(session.clientId());
            ResourceBinding binding = saved.resource().orElseThrow();
            assertThat(binding.resource().toString()).isEqualTo(resource);
            assertThat(binding.registered()).isTrue();
            assertThat(binding.registrationClientUri()).contains(java.net.URI.create(provider.issuer() + "/clients-registrations/" + session.clientId()));
            String profileFile = Files.readString(f.profiles.file("mcp"));
            Optional<String> registrationToken = f.tokens.loadSecret("mcp", ResourceLogin.REGISTRATION_TOKEN);
            assertThat(registrationToken).hasValueSatisfying(token -> assertThat(token).startsWith("rat-"));
            assertThat(profileFile).doesNotContain(registrationToken.get()).doesNotContain("registration_access_token");

            // the main token is for that resource: a refresh sends it too
            Session refreshed = f.getToken(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)), duration -> { })
                    .get(GetToken.Request.of(saved, "test"));
            FakeProvider.Request refresh = provider.requestsTo("/token").get(1);
            assertThat(refresh.param("grant_type")).isEqualTo("refresh_token");
            assertThat(refresh.param("resource")).isEqualTo(resource);
            assertThat(refreshed.tokens().accessToken()).isNotEqualTo(session.tokens().accessToken());
        }
    }

    @Test
    void findsTheMetadataAtItsWellKnownAddressWhenThereIsNoChallenge() throws Exception {
        try (FakeProvider provider = new FakeProvider(); FakeResource api = new FakeResource()) {
            provider.offerRegistration = true;
            api.challenge = false;
            api.authorizationServers = List.of(provider.issuer().toString());
            Fixtures f = new Fixtures(dir);

            f.resourceLogin(new FollowingBrowser(), Fixtures.laptop(), Policy.defaults())
                    .run(ResourceRequest.of("mcp", api.resource()), Fixtures.BROWSER, false);

            // RFC 9728 §3.1: the well-known suffix inserted before the resource's path
            assertThat(api.requests).containsExactly("GET /mcp", "GET /.well-known/oauth-protected-resource/mcp");
            assertThat(f.profiles.load("mcp").orElseThrow().resource()).isPresent();
        }
    }

    @Test
    void aGivenClientIsUsedAndNothingIsRegistered() throws Exception {
        try (FakeProvider provider = new FakeProvider(); FakeResource api = new FakeResource()) {
            provider.offerRegistration = true;
            api.authorizationServers = List.of(provider.issuer().toString());
            Fixtures f = new Fixtures(dir);
            ResourceRequest request = new ResourceRequest("mcp", api.resource(), Optional.empty(), Optional.of(FakeProvider.CLIENT_ID),
                    Optional.of("openid mcp:tools"), Optional.empty(), p -> p);

            Session session = f.resourceLogin(new FollowingBrowser(), Fixtures.laptop(), Policy.defaults()).run(request, Fixtures.BROWSER, false);

            assertThat(provider.registrationRequests).isEmpty();
            assertThat(session.clientId()).isEqualTo(FakeProvider.CLIENT_ID);
            assertThat(provider.requestsTo("/auth").get(0).param("scope")).isEqualTo("openid mcp:tools");
            assertThat(f.profiles.load("mcp").orElseThrow().resource().orElseThrow().registered()).isFalse();
            assertThat(f.tokens.loadSecret("mcp", ResourceLogin.REGISTRATION_TOKEN)).isEmpty();
        }
    }
}
