package dev.cliauth.core.flow.token;

import dev.cliauth.core.Problem;
import dev.cliauth.core.config.Profile;
import dev.cliauth.core.config.ResourceBinding;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.PolicyLayer;
import dev.cliauth.core.policy.ResourcePrefix;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A fresh token for a resource the administrator took out of {@code allowed_resources} is not handed out (fast path included). */
class TokenRuleRefusesAResourceThePolicyNoLongerAllowsTest {
    private static final URI ISSUER = URI.create("https://id.example.com");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aResourceOutsideAllowedResourcesIsRefusedAndOneInsideHandedOut() {
        Profile profile = Profile.of("mcp", ISSUER, "cli").withResource(ResourceBinding.withGivenClient(URI.create("https://api.example.com/mcp")));
        Session session = new Session("mcp", ISSUER, "cli", URI.create("https://id.example.com/token"), Optional.of("sub"), Optional.empty(),
                "authorization_code+pkce", NOW, Optional.empty(),
                new TokenSet("at", "Bearer", Optional.of(NOW.plusSeconds(600)), Optional.empty(), Optional.empty(), Optional.empty()));

        TokenRule.Verdict refused = TokenRule.decide(profile, allowing("https://other.example.com/"), Optional.of(session), NOW);
        assertThat(refused).isInstanceOfSatisfying(TokenRule.Refuse.class, refuse -> {
            assertThat(refuse.problem()).isInstanceOf(Problem.PolicyRefused.class);
            assertThat(refuse.problem().message()).isEqualTo("Resource https://api.example.com/mcp is not allowed by policy /etc/cliauth/policy.toml"
                    + " (allowed_resources); nothing was sent.");
        });
        assertThat(TokenRule.decide(profile, allowing("https://api.example.com/"), Optional.of(session), NOW)).isInstanceOf(TokenRule.HandOut.class);
        assertThat(TokenRule.decide(profile, Policy.defaults(), Optional.of(session), NOW)).isInstanceOf(TokenRule.HandOut.class);
    }

    private static Policy allowing(String prefix) {
        return Policy.merge(List.of(new PolicyLayer(Path.of("/etc/cliauth/policy.toml"), PolicyLayer.Authority.ADMINISTRATOR, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of(new ResourcePrefix(prefix))))));
    }
}
