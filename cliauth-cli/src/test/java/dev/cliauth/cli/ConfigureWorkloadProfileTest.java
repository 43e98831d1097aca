package dev.cliauth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cliauth configure} for CI and automation: flags that name where secrets are, and never a secret. */
class ConfigureWorkloadProfileTest {
    private static final String ISSUER = "https://id.example.com/realms/acme";
    private static final String SECRET = "t0p-s3cr3t-value";

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    record Outcome(int code, String out, String err) {
    }

    private Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> all = new HashMap<>(Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"));
        all.putAll(env);
        int code = Main.run(new App(all, new PrintWriter(out, true), new PrintWriter(err, true), Clock.systemUTC(), false), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private Path profileFile(String name) {
        return home.resolve(".config/cliauth/profiles/" + name + ".json");
    }

    private String profile(String name) throws Exception {
        return Files.readString(profileFile(name));
    }

    private Map<String, Object> fields(String name) throws Exception {
        return dev.cliauth.core.io.JsonObject.parse(profile(name)).fields();
    }

    @Test
    void aClientCredentialsProfileKeepsTheVariablesNameNotTheSecret() throws Exception {
        env.put("CI_SECRET", SECRET);
        Outcome o = run("configure", "--profile", "ci", "--issuer", ISSUER, "--client-id", "ci", "--grant", "client_credentials",
                "--client-secret-env", "CI_SECRET");

        assertThat(o.code()).isZero();
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("Saved workload profile ci").contains("client_secret_basic with the secret in $CI_SECRET")
                .contains("cliauth token --profile ci").doesNotContain(SECRET);
        assertThat(profile("ci")).contains("\"client_secret_env\":\"CI_SECRET\"", "\"grant\":\"client_credentials\"", "\"scope\":\"\"")
                .doesNotContain(SECRET);
    }

    @Test
    void aSecretOnTheCommandLineIsRefusedWithoutRepeatingIt() {
        for (String[] args : new String[][] {
                {"configure", "--profile", "ci", "--issuer", ISSUER, "--client-id", "ci", "--client-secret", SECRET},
                {"configure", "--profile", "ci", "--client-secret=" + SECRET},
                {"configure", "--profile", "ci", "--client-secret"}}) {
            Outcome o = run(args);
            assertThat(o.code()).isEqualTo(ExitCode.USAGE);
            assertThat(o.err()).startsWith("cliauth: never pass a secret on the command line").contains("--client-secret-env VAR")
                    .contains("--client-secret-file PATH").doesNotContain(SECRET);
        }
        assertThat(profileFile("ci")).doesNotExist();
    }

    @Test
    void aSecretEnvVariableThatIsNotSetHereIsAWarningThatNeverRepeatsTheName() {
        // a profile is often written where the secret is not (the CI runner has it); and what
        // "--client-secret-env $CI_SECRET" becomes after the shell expands it must not be shown
        Outcome o = run("configure", "--profile", "ci", "--issuer", ISSUER, "--client-id", "ci", "--grant", "client_credentials",
                "--client-secret-env", "t0ps3cr3tvalue");
        assertThat(o.code()).isZero();
        assertThat(o.err()).contains("warning").contains("is not set here").contains("CI_SECRET, not $CI_SECRET").doesNotContain("t0ps3cr3tvalue");
        assertThat(profileFile("ci")).exists();
    }

    @Test
    void combinationsThatCannotWorkNameTheFlags() {
        env.put("CI_SECRET", SECRET);
        String[] base = {"configure", "--profile", "ci", "--issuer", ISSUER, "--client-id", "ci"};
        assertRefused(base, "--client-secret-env", "CI_SECRET", "--audience", "x")
                .contains("Workload flags need a grant");
        assertRefused(base, "--grant", "client_credentials").contains("--grant client_credentials needs client authentication");
        assertRefused(base, "--grant", "client_credentials", "--client-secret-env", "CI_SECRET", "--private-key-file", "k.pem")
                .contains("give only one of --client-secret-env, --client-secret-file, --private-key-file and --federated");
        assertRefused(base, "--grant", "client_credentials", "--client-secret-env", "CI_SECRET", "--subject-token-type", "jwt")
                .contains("--subject-token-type is only used with --grant token_exchange");
        assertRefused(base, "--grant", "client_credentials", "--client-secret-env", "CI_SECRET", "--key-id", "k1")
                .contains("--key-id goes with --private-key-file PATH");
        assertRefused(base, "--grant", "client_credentials", "--client-secret-env", "CI_SECRET", "--client-auth", "private_key_jwt")
                .contains("--client-auth private_key_jwt does not go with --client-secret-env");
        assertRefused(base, "--grant", "token_exchange", "--federated").contains("--federated makes the platform token the client's credential");
        assertRefused(base, "--grant", "password").contains("client_credentials, token_exchange or jwt_bearer");
        assertRefused(base, "--grant", "jwt_bearer", "--subject-token-source", "nowhere").contains("Unknown --subject-token-source value");
    }

    private org.assertj.core.api.AbstractStringAssert<?> assertRefused(String[] base, String... more) {
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more)).toArray(String[]::new);
        Outcome o = run(args);
        assertThat(o.code()).as(String.join(" ", more)).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(o.err().lines()).hasSize(1);
        assertThat(profileFile("ci")).doesNotExist();
        return assertThat(o.err());
    }

    @Test
    void withoutGrantTheGivenFlagsChangeTheSavedWorkload() throws Exception {
        env.put("CI_SECRET", SECRET);
        run("configure", "--profile", "ci", "--issuer", ISSUER, "--client-id", "ci", "--grant", "client_credentials", "--client-secret-env", "CI_SECRET");

        assertThat(run("configure", "--profile", "ci", "--client-auth", "client_secret_post").code()).isZero();
        assertThat(profile("ci")).contains("\"client_auth\":\"client_secret_post\"", "\"client_secret_env\":\"CI_SECRET\"");

        assertThat(run("configure", "--profile", "ci", "--scope", "api://backend/.default").code()).isZero();
        assertThat(fields("ci")).containsEntry("client_auth", "client_secret_post").containsEntry("scope", "api://backend/.default");

        // --grant starts afresh: nothing of the old credential is kept
        assertThat(run("configure", "--profile", "ci", "--grant", "jwt_bearer", "--federated", "--subject-token-source", "github-actions",
                "--audience", "api://AzureADTokenExchange").code()).isZero();
        assertThat(profile("ci")).contains("\"grant\":\"client_credentials\"", "\"client_auth\":\"federated\"",
                "\"subject_token_source\":\"github-actions\"").doesNotContain("CI_SECRET");
    }

    @Test
    void filePathsAreStoredAbsolute() throws Exception {
        Outcome o = run("configure", "--profile", "k8s", "--issuer", ISSUER, "--client-id", "ci", "--grant", "token_exchange",
                "--client-secret-file", "relative/secret", "--subject-token-source", "file:relative/token", "--subject-token-type", "id_token");
        assertThat(o.code()).as(o.err()).isZero();
        Path cwd = Path.of("").toAbsolutePath();
        assertThat(fields("k8s")).containsEntry("client_secret_file", cwd.resolve("relative/secret").toString())
                .containsEntry("subject_token_source", "file:" + cwd.resolve("relative/token")).containsEntry("subject_token_type", "id_token");
    }

    @Test
    void helpShowsTheWorkloadFlagsButNotTheTrap() {
        Outcome o = run("configure", "--help");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("--grant=GRANT", "--client-secret-env=VAR", "--client-secret-file=PATH", "--private-key-file=PATH",
                "--subject-token-source=SOURCE", "--audience=AUD", "--federated").doesNotContain("--client-secret=");
    }
}
