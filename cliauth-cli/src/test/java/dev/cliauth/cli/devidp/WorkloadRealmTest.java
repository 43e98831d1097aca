package dev.cliauth.cli.devidp;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open realm's workload-identity setup that {@code WorkloadIdentityIT} relies on: a private_key_jwt client, a
 * federated client, and a pretend CI platform trusted for JWT authorization grants and client assertions. Keycloak
 * refuses to start on a description over 255 characters, so that is checked here rather than at start-up.
 */
class WorkloadRealmTest {
    private static final String JOB = "repo:cliauth/cliauth:ref:refs/heads/main";

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> realm, String name) {
        return (List<Map<String, Object>>) realm.get(name);
    }

    private static Map<String, Object> find(List<Map<String, Object>> list, String key, String value) {
        return list.stream().filter(m -> value.equals(m.get(key))).findFirst().orElseThrow(() -> new AssertionError("no " + key + "=" + value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @Test
    void theOpenRealmTrustsTheTestOnlyKeysAndPlatform() throws Exception {
        Map<String, Object> realm;
        try (InputStream in = DevIdp.class.getResourceAsStream("/dev-idp/open-realm.json")) {
            realm = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Map<String, Object>> clients = list(realm, "clients");
        assertThat(clients).allSatisfy(client -> assertThat(String.valueOf(client.getOrDefault("description", ""))).hasSizeLessThanOrEqualTo(255));

        Map<String, Object> jwt = find(clients, "clientId", "cliauth-ci-jwt");
        assertThat(jwt).containsEntry("clientAuthenticatorType", "client-jwt").containsEntry("serviceAccountsEnabled", true)
                .containsEntry("publicClient", false);
        assertThat(map(jwt, "attributes")).containsEntry("use.jwks.url", "false").containsKey("jwt.credential.certificate")
                .containsEntry("oauth2.jwt.authorization.grant.enabled", "true").containsEntry("oauth2.jwt.authorization.grant.idp", "ci-platform");

        Map<String, Object> federated = find(clients, "clientId", "cliauth-ci-federated");
        assertThat(federated).containsEntry("clientAuthenticatorType", "federated-jwt");
        assertThat(map(federated, "attributes")).containsEntry("jwt.credential.issuer", "ci-platform").containsEntry("jwt.credential.sub", JOB);

        Map<String, Object> platform = find(list(realm, "identityProviders"), "alias", "ci-platform");
        assertThat(platform).containsEntry("hideOnLogin", true);
        assertThat(map(platform, "config")).containsEntry("issuer", "https://ci.cliauth.test").containsEntry("useJwksUrl", "false")
                .containsEntry("supportsClientAssertions", "true").containsEntry("jwtAuthorizationGrantEnabled", "true");

        Map<String, Object> bot = find(list(realm, "users"), "username", "ci-bot");
        assertThat(bot.get("federatedIdentities").toString()).contains("ci-platform", JOB);
    }
}
