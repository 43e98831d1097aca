package dev.cliauth.core.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dynamic_registration} and {@code allowed_resources} merge like the other settings: the administrator's files
 * decide, a user's file only tightens; {@code allowed_resources} entries are prefixes compared by URL parts.
 */
class ResourcePoliciesMergeByNarrowingTest {
    private static final Path ADMIN = Path.of("/etc/cliauth/policy.toml");
    private static final Path USER = Path.of("/home/alice/.config/cliauth/policy.toml");

    @ParameterizedTest
    @CsvSource({
            "https://api.example.com/mcp, https://api.example.com/mcp, true",
            "https://api.example.com/mcp, https://api.example.com/mcp/v2, true",
            "https://api.example.com/mcp/, https://api.example.com/mcp/v2, true",
            "https://api.example.com/mcp, https://api.example.com/mcp-admin, false",
            "https://api.example.com/mcp, https://api.example.com.evil.test/mcp, false",
            "https://api.example.com/mcp, https://API.example.com/mcp, true",
            "https://api.example.com/mcp, https://api.example.com:8443/mcp, false",
            "https://api.example.com:443/mcp, https://api.example.com/mcp, true",
            "https://api.example.com/mcp, http://api.example.com/mcp, false",
            "https://api.example.com, https://api.example.com/anything, true",
            "https://api.example.com/, https://api.example.com/anything, true",
            "https://api.example.com/a?x=1, https://api.example.com/a?x=2, false",
    })
    void anEntryAllowsItselfAndWhatIsUnderItAtASlash(String entry, String resource, boolean allowed) {
        assertThat(new ResourcePrefix(entry).allows(URI.create(resource))).isEqualTo(allowed);
    }

    @Test
    void aUserFileCannotAllowRegistrationTheAdministratorForbids() {
        Policy policy = Policy.merge(List.of(layer(ADMIN, PolicyLayer.Authority.ADMINISTRATOR, DynamicRegistrationRule.NEVER, null),
                layer(USER, PolicyLayer.Authority.USER, DynamicRegistrationRule.ALLOWED, null)));
        assertThat(policy.dynamicRegistration()).isEqualTo(DynamicRegistrationRule.NEVER);
        assertThat(policy.source(PolicyKey.DYNAMIC_REGISTRATION)).contains(ADMIN);
        assertThat(policy.overruled()).anyMatch(note -> note.contains("dynamic_registration = \"allowed\" is overruled"));
    }

    @Test
    void aUserFileCanForbidRegistration() {
        Policy policy = Policy.merge(List.of(layer(USER, PolicyLayer.Authority.USER, DynamicRegistrationRule.NEVER, null)));
        assertThat(policy.dynamicRegistration()).isEqualTo(DynamicRegistrationRule.NEVER);
        assertThat(Policy.defaults().dynamicRegistration()).isEqualTo(DynamicRegistrationRule.ALLOWED);
    }

    @Test
    void allowedResourcesIntersectToTheNarrowerEntries() {
        Policy policy = Policy.merge(List.of(
                layer(ADMIN, PolicyLayer.Authority.ADMINISTRATOR, null, List.of("https://api.example.com/", "https://other.example.com/")),
                layer(USER, PolicyLayer.Authority.USER, null, List.of("https://api.example.com/mcp", "https://elsewhere.example.com/"))));
        assertThat(policy.allowedResources()).contains(List.of(new ResourcePrefix("https://api.example.com/mcp")));
        assertThat(policy.allowsResource(URI.create("https://api.example.com/mcp"))).isTrue();
        assertThat(policy.allowsResource(URI.create("https://api.example.com/admin"))).isFalse();
        assertThat(policy.allowsResource(URI.create("https://elsewhere.example.com/x"))).isFalse();
        assertThat(policy.originRefusingResource(URI.create("https://elsewhere.example.com/x"))).isEqualTo("policy " + ADMIN);
        assertThat(policy.originRefusingResource(URI.create("https://api.example.com/admin"))).isEqualTo("policy " + USER);
    }

    @Test
    void aUserFileCannotWidenAllowedResources() {
        Policy policy = Policy.merge(List.of(
                layer(ADMIN, PolicyLayer.Authority.ADMINISTRATOR, null, List.of("https://api.example.com/mcp")),
                layer(USER, PolicyLayer.Authority.USER, null, List.of("https://api.example.com/"))));
        assertThat(policy.allowsResource(URI.create("https://api.example.com/other"))).isFalse();
        assertThat(policy.allowsResource(URI.create("https://api.example.com/mcp/x"))).isTrue();
        assertThat(Policy.defaults().allowsResource(URI.create("https://anything.example/"))).isTrue();
    }

    private static PolicyLayer layer(Path file, PolicyLayer.Authority authority, DynamicRegistrationRule registration, List<String> resources) {
        return new PolicyLayer(file, authority, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.ofNullable(registration), Optional.ofNullable(resources).map(list -> list.stream().map(ResourcePrefix::new).toList()));
    }
}
