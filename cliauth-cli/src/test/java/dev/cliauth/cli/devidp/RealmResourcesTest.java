package dev.cliauth.cli.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The realm files Keycloak imports: the settings the CLI and the end-to-end tests rely on. */
class RealmResourcesTest {

    private static Map<String, Object> realm(String resource) throws Exception {
        try (InputStream in = DevIdp.class.getResourceAsStream("/dev-idp/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> find(Map<String, Object> realm, String list, String key, String value) {
        return ((List<Object>) realm.get(list)).stream()
                .map(o -> (Map<String, Object>) o)
                .filter(m -> value.equals(m.get(key)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(list + " has no " + key + "=" + value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(Map<String, Object> client) {
        return (Map<String, Object>) client.get("attributes");
    }

    private static void assertTenantSettings(Map<String, Object> realm, String name) {
        assertThat(realm).containsEntry("realm", name).containsEntry("enabled", true).containsEntry("sslRequired", "none")
                .containsEntry("revokeRefreshToken", true);
        assertThat(((Number) realm.get("refreshTokenMaxReuse")).intValue()).isZero();
        assertThat(((Number) realm.get("accessTokenLifespan")).intValue()).isEqualTo(300);
        assertThat(((Number) realm.get("oauth2DeviceCodeLifespan")).intValue()).isEqualTo(600);
        assertThat(((Number) realm.get("oauth2DevicePollingInterval")).intValue()).isEqualTo(5);
    }

    /** Keycloak's user profile asks for these on first login unless set; the demo must go straight to consent. */
    @SuppressWarnings("unchecked")
    private static void assertCompleteUser(Map<String, Object> realm, String username, String password,
                                           String firstName, String lastName) {
        Map<String, Object> user = find(realm, "users", "username", username);
        assertThat(user).containsEntry("enabled", true).containsEntry("emailVerified", true)
                .containsEntry("email", username + "@example.com")
                .containsEntry("firstName", firstName).containsEntry("lastName", lastName);
        assertThat((List<Object>) user.get("requiredActions")).isEmpty();
        assertThat((List<Object>) user.get("credentials")).singleElement().isEqualTo(
                Map.of("type", "password", "value", password, "temporary", false));
    }

    private static void assertPublicLoopbackPkceClient(Map<String, Object> client) {
        assertThat(client).containsEntry("publicClient", true).containsEntry("standardFlowEnabled", true)
                .containsEntry("implicitFlowEnabled", false).containsEntry("directAccessGrantsEnabled", false)
                .containsEntry("redirectUris", List.of("http://127.0.0.1/*"))
                .containsEntry("webOrigins", List.of());
        assertThat(attributes(client)).containsEntry("pkce.code.challenge.method", "S256");
    }

    @Test
    void openRealm() throws Exception {
        Map<String, Object> realm = realm("open-realm.json");
        assertTenantSettings(realm, DevIdp.OPEN_REALM);

        Map<String, Object> cliauth = find(realm, "clients", "clientId", DevIdp.CLIENT_ID);
        assertPublicLoopbackPkceClient(cliauth);
        assertThat(cliauth).containsEntry("consentRequired", true);
        assertThat(attributes(cliauth)).containsEntry("oauth2.device.authorization.grant.enabled", "true");
        assertThat(cliauth.get("protocolMappers").toString()).contains("oidc-audience-mapper", DevIdp.CI_CLIENT_ID);

        Map<String, Object> ci = find(realm, "clients", "clientId", DevIdp.CI_CLIENT_ID);
        assertThat(ci).containsEntry("publicClient", false).containsEntry("serviceAccountsEnabled", true)
                .containsEntry("standardFlowEnabled", false).containsEntry("secret", DevIdp.CI_CLIENT_SECRET);
        assertThat((String) ci.get("description")).contains("dev-only");
        assertThat(attributes(ci)).containsEntry("standard.token.exchange.enabled", "true");

        assertCompleteUser(realm, DevIdp.DEMO_USERNAME, DevIdp.DEMO_PASSWORD, "Demo", "User");
        assertCompleteUser(realm, DevIdp.DENYING_USERNAME, DevIdp.DENYING_PASSWORD, "Bob", "Denier");
    }

    @Test
    void strictRealmBlocksTheDeviceFlow() throws Exception {
        Map<String, Object> realm = realm("strict-realm.json");
        assertTenantSettings(realm, DevIdp.STRICT_REALM);

        Map<String, Object> client = find(realm, "clients", "clientId", DevIdp.STRICT_CLIENT_ID);
        assertPublicLoopbackPkceClient(client);
        assertThat(client).containsEntry("consentRequired", false);
        assertThat(attributes(client)).containsEntry("oauth2.device.authorization.grant.enabled", "false");

        assertCompleteUser(realm, DevIdp.DEMO_USERNAME, DevIdp.DEMO_PASSWORD, "Demo", "User");
    }

    @Test
    void everyShippedRealmFileExists() {
        assertThat(DevIdp.REALM_RESOURCES).allSatisfy(name ->
                assertThat(DevIdp.class.getResource("/dev-idp/" + name)).as(name).isNotNull());
    }
}
