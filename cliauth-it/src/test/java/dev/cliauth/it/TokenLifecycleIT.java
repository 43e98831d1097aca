package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token lifecycle against the dev IdP's Keycloak, whose realm rotates refresh tokens with reuse detection
 * (revokeRefreshToken, max reuse 0): reusing an old refresh token there ends the whole session.
 */
class TokenLifecycleIT {
    static String issuer;

    @TempDir
    Path home;

    @BeforeAll
    static void devIdp() throws Exception {
        issuer = DevIdpServer.openIssuer();
    }

    @Test
    void thirtyTwoConcurrentTokenCallsOnAnExpiredTokenRefreshOnceAndAllPrintTheSameToken() throws Exception {
        Cli cli = new Cli(home);
        signIn(cli, "p32", List.of());
        Path sessionFile = cli.stateDir().resolve("sessions/p32.json");
        String before = accessToken(sessionFile);
        expire(sessionFile);

        List<Cli.Running> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            calls.add(cli.start("token", "--profile", "p32"));
        }
        List<String> printed = new ArrayList<>();
        for (Cli.Running call : calls) {
            Cli.Result result = call.await(LOGIN_WAIT);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stderr()).isEmpty();
            printed.add(result.stdout());
        }

        // Every refresh issues a new access token, so 32 identical answers mean exactly one refresh reached Keycloak.
        assertThat(printed).containsOnly(printed.get(0));
        String token = printed.get(0).strip();
        assertThat(token).isNotEqualTo(before).isEqualTo(accessToken(sessionFile));
        assertThat(JWTParser.parse(token).getJWTClaimsSet().getIssuer()).isEqualTo(issuer);

        // The rotated refresh token that was stored still works: had any process reused the old one, Keycloak
        // would have revoked the whole session.
        expire(sessionFile);
        Cli.Result after = cli.run(LOGIN_WAIT, "token", "--profile", "p32");
        assertThat(after.exitCode()).as(after.stderr()).isZero();
        assertThat(after.stdout().strip()).isNotEqualTo(token);
    }

    @Test
    void noTokenAppearsInAnyOutputAcrossLoginRefreshStatusAndLogoutAtFullVerbosity() throws Exception {
        Path audit = home.resolve("audit.jsonl");
        Path policy = home.resolve("policy.toml");
        Files.writeString(policy, "audit_log = \"" + audit + "\"\n");
        Cli cli = new Cli(home).with("CLIAUTH_POLICY", policy.toString());
        StringBuilder everything = new StringBuilder();

        String login = signIn(cli, "canary", List.of("--verbose"));
        assertThat(login).contains("(authorization response): code=<redacted>, state=<redacted> (matched), iss=" + issuer,
                "grant_type=authorization_code", "code_verifier=<redacted>", "\"id_token\":\"<redacted>\"");
        everything.append(login);
        Path sessionFile = cli.stateDir().resolve("sessions/canary.json");
        Map<String, Object> first = JSONObjectUtils.parse(Files.readString(sessionFile));
        expire(sessionFile);
        Cli.Result refresh = cli.run(LOGIN_WAIT, "token", "--profile", "canary", "--verbose");
        assertThat(refresh.exitCode()).as(refresh.stderr()).isZero();
        assertThat(refresh.stderr()).contains("token request): HTTP 200");
        // the exchange itself is shown, with the credentials in it redacted
        assertThat(refresh.stderr()).contains("grant_type=refresh_token", "refresh_token=<redacted>", "\"access_token\":\"<redacted>\"",
                "\"token_type\":\"Bearer\"");
        everything.append(refresh.stderr());
        Map<String, Object> second = JSONObjectUtils.parse(Files.readString(sessionFile));
        Cli.Result status = cli.run(LOGIN_WAIT, "status", "--profile", "canary", "--verbose", "--json");
        everything.append(status.stdout()).append(status.stderr());
        Cli.Result list = cli.run(LOGIN_WAIT, "status", "--verbose");
        everything.append(list.stdout()).append(list.stderr());
        Cli.Result logout = cli.run(LOGIN_WAIT, "logout", "--profile", "canary", "--verbose");
        assertThat(logout.exitCode()).isZero();
        assertThat(logout.stderr()).contains("token revocation): HTTP 200").contains("revoked at the provider");
        everything.append(logout.stderr());
        everything.append(Files.readString(audit));

        List<String> secrets = new ArrayList<>();
        for (Map<String, Object> session : List.of(first, second)) {
            for (String field : List.of("access_token", "refresh_token", "id_token")) {
                Object value = session.get(field);
                if (value != null) {
                    secrets.add(value.toString());
                }
            }
        }
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(5);
        for (String secret : secrets) {
            assertThat(everything.toString()).doesNotContain(secret);
            // nor any recognisable piece of one (a JWT's signature part)
            assertThat(everything.toString()).doesNotContain(secret.substring(secret.lastIndexOf('.') + 1));
        }
        assertThat(sessionFile).doesNotExist();
    }

    /** Signs in with Chromium; returns everything cliauth printed. */
    private String signIn(Cli cli, String profile, List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("login", "--profile", profile, "--issuer", issuer, "--client-id", "cliauth", "--no-browser"));
        args.addAll(extra);
        Cli.Running login = cli.start(args.toArray(String[]::new));
        BrowserSignIn.completeIn(login);
        Cli.Result result = login.await(LOGIN_WAIT);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout() + result.stderr();
    }

    private static String accessToken(Path sessionFile) throws Exception {
        return (String) JSONObjectUtils.parse(Files.readString(sessionFile)).get("access_token");
    }

    /** Makes the stored access token look expired to cliauth (Keycloak still honours it: only cliauth's view changes). */
    static void expire(Path sessionFile) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>(JSONObjectUtils.parse(Files.readString(sessionFile)));
        json.put("expires_at", Instant.now().getEpochSecond() - 10);
        Files.writeString(sessionFile, JSONObjectUtils.toJSONString(json));
    }
}
