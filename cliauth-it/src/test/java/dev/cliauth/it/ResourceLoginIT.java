package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cliauth login --resource URL} through {@code bin/cliauth}, with nothing registered: a protected API stand-in
 * that answers 401 with {@code resource_metadata} and accepts only tokens for itself, in front of two real
 * authorization servers that implement dynamic client registration — the npm oidc-provider (with resource indicators)
 * and Keycloak (anonymous registration from loopback) — signed in with a real headless Chromium. Then
 * {@code cliauth token} hands out the token the API accepts, also after a refresh. Hostile metadata is refused with one
 * line, and nothing is stored.
 */
class ResourceLoginIT {
    /** The sign-in URL cliauth prints, on whatever provider. */
    static final Pattern SIGN_IN_URL = Pattern.compile("^\\s+(http://127\\.0\\.0\\.1:\\d+/\\S*\\?\\S+)$");

    @TempDir
    Path home;

    @Test
    void signsInToAnApiAtOidcProviderWithNothingRegisteredAndTheTokenIsForThatApi() throws Exception {
        try (ProtectedApiStandIn api = new ProtectedApiStandIn(); OidcProviderServer server = OidcProviderServer.start(api.resource())) {
            api.trusting(server.issuer(), server.jwksUri());
            Cli cli = new Cli(home);

            // explain follows the chain and registers nothing
            Cli.Result explain = cli.run(LOGIN_WAIT, "explain", "--profile", "mcp", "--resource", api.resource(), "--json");
            assertThat(explain.exitCode()).as(explain.stderr()).isZero();
            Map<String, Object> chain = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(explain.stdout()), "resource");
            assertThat(chain).containsEntry("authorization_server", server.issuer()).containsEntry("registration_endpoint", server.issuer() + "/reg")
                    .containsEntry("client", "register a public client at " + server.issuer() + "/reg (RFC 7591)");
            assertThat((String) chain.get("found_via")).contains("401");
            assertThat(cli.configDir().resolve("profiles/mcp.json")).doesNotExist();

            Cli.Running login = cli.start("login", "--profile", "mcp", "--resource", api.resource(), "--no-browser", "--timeout", "2m");
            String url = login.awaitStderr(SIGN_IN_URL, LOGIN_WAIT);
            try (Browser browser = new Browser()) {
                browser.signInOnDevInteractions(url, "alice");
            }
            Cli.Result result = login.await(LOGIN_WAIT);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stderr()).contains("The protected resource " + api.resource() + " is signed in to at " + server.issuer()
                    + " (the only one it names).").contains("Registered cliauth at " + server.issuer() + " as client ").contains("Signed in as alice");

            // the profile remembers resource, server and registered client; the registration token is kept like a session
            Map<String, Object> profile = JSONObjectUtils.parse(Files.readString(cli.configDir().resolve("profiles/mcp.json")));
            assertThat(profile).containsEntry("resource", api.resource()).containsEntry("issuer", server.issuer()).containsEntry("client_registered", true);
            assertThat(profile.toString()).doesNotContain("registration_access_token");
            Path secret = cli.stateDir().resolve("secrets/mcp.registration_access_token");
            assertThat(secret).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
            assertThat(Files.readString(cli.configDir().resolve("profiles/mcp.json"))).doesNotContain(Files.readString(secret).strip());

            // the token is for that API (RFC 8707), also after a refresh: oidc-provider gives a token for the API only when
            // the token request names it
            String token = acceptedBeforeAndAfterARefresh(cli, "mcp", api);
            assertThat(JWTParser.parse(token).getJWTClaimsSet().getAudience()).containsExactly(api.resource());
            assertThat(api.call(token + "x")).isEqualTo(401);
        }
    }

    @Test
    void signsInToAnApiAtKeycloakThroughAnonymousRegistration() throws Exception {
        String devIdp = DevIdpServer.openIssuer();
        try (ProtectedApiStandIn api = new ProtectedApiStandIn(); KeycloakResourceRealm realm = KeycloakResourceRealm.create(devIdp, api.resource())) {
            api.trusting(realm.issuer(), realm.jwksUri()).scopes(); // Keycloak refuses scopes it does not know
            Cli cli = new Cli(home);

            Cli.Running login = cli.start("login", "--profile", "kc", "--resource", api.resource(), "--no-browser", "--timeout", "2m");
            String url = login.awaitStderr(SIGN_IN_URL, LOGIN_WAIT);
            try (Browser browser = new Browser()) {
                browser.signIn(url, "demo", "demo");
                browser.consentIfAsked(true);
            }
            Cli.Result result = login.await(LOGIN_WAIT);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stderr()).contains("Registered cliauth at " + realm.issuer() + " as client ").contains("Signed in as demo");
            assertThat(cli.stateDir().resolve("secrets/kc.registration_access_token")).exists();

            acceptedBeforeAndAfterARefresh(cli, "kc", api);
        }
    }

    @Test
    void hostileMetadataIsRefusedWithOneLineAndNothingIsStored() throws Exception {
        try (ProtectedApiStandIn api = new ProtectedApiStandIn()) {
            Cli cli = new Cli(home);

            api.naming(api.hostileServer()).stating("http://127.0.0.1:1/another-api");
            refused(cli, api, 4, "is about the resource 'http://127.0.0.1:1/another-api', not '" + api.resource() + "' (RFC 9728 §3.3)");

            api.stating(api.resource());
            api.hostileIssuer = "https://evil.example";
            refused(cli, api, 6, "says its issuer is 'https://evil.example', not '" + api.hostileServer() + "'");

            api.hostileIssuer = null;
            api.hostileRedirectUris = List.of("http://127.0.0.1/callback", "https://evil.example/callback");
            refused(cli, api, 4, "answered with a client with redirect URIs cliauth did not ask for");
        }
    }

    /** @param exitCode 4 for an answer that failed validation, 6 for a server answering outside the protocol (as discovery says) */
    private static void refused(Cli cli, ProtectedApiStandIn api, int exitCode, String why) throws Exception {
        Cli.Result result = cli.run(LOGIN_WAIT, "login", "--profile", "hostile", "--resource", api.resource(), "--no-browser");
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(exitCode);
        List<String> lines = result.stderr().lines().filter(line -> line.startsWith("cliauth: ")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(why);
        assertThat(result.stderr()).doesNotContain("Registered cliauth").doesNotContain("open this URL");
        assertThat(cli.configDir().resolve("profiles/hostile.json")).doesNotExist();
        assertThat(cli.stateDir().resolve("sessions/hostile.json")).doesNotExist();
        assertThat(cli.stateDir().resolve("secrets/hostile.registration_access_token")).doesNotExist();
    }

    /** The profile's token is accepted by the API, and so is the one a refresh gives; returns the first. */
    private static String acceptedBeforeAndAfterARefresh(Cli cli, String profile, ProtectedApiStandIn api) throws Exception {
        String token = token(cli, profile);
        assertThat(api.call(token)).isEqualTo(200);
        TokenLifecycleIT.expire(cli.stateDir().resolve("sessions/" + profile + ".json"));
        String refreshed = token(cli, profile);
        assertThat(refreshed).isNotEqualTo(token);
        assertThat(api.call(refreshed)).isEqualTo(200);
        return token;
    }

    /** {@code cliauth token --profile P}: what the lead's {@code token --resource} hands out for the profile's own resource. */
    private static String token(Cli cli, String profile) throws Exception {
        Cli.Result token = cli.run(Duration.ofSeconds(60), "token", "--profile", profile);
        assertThat(token.exitCode()).as(token.stderr()).isZero();
        return token.stdout().strip();
    }
}
