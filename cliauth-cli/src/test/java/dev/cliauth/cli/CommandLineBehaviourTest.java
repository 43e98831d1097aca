package dev.cliauth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI in-process through {@link Main#run}: exit codes, one-line errors, stdout kept for protocol output. */
class CommandLineBehaviourTest {
    @TempDir
    Path home;

    record Outcome(int code, String out, String err) {
    }

    private Outcome run(Map<String, String> extraEnv, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"));
        env.putAll(extraEnv);
        int code = Main.run(new App(env, new PrintWriter(out, true), new PrintWriter(err, true), Clock.systemUTC(), false), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private Outcome run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void tokenWithoutASessionSaysWhatToRunOnOneLine() {
        Outcome o = run("token", "--profile", "work");
        assertThat(o.code()).isEqualTo(3);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).isEqualTo("cliauth: Not signed in (profile work); run 'cliauth login --profile work'." + System.lineSeparator());
    }

    @Test
    void loginWithoutAProviderIsAConfigurationError() {
        Outcome o = run("login", "--no-browser");
        assertThat(o.code()).isEqualTo(8);
        assertThat(o.err()).contains("--issuer URL and --client-id ID").doesNotContain("Exception");
    }

    @Test
    void configureThenStatusShowsTheProfileButNoSession() {
        Outcome configure = run("configure", "--profile", "work", "--issuer", "https://id.example.com/realms/acme", "--client-id", "cli");
        assertThat(configure.code()).isZero();
        Outcome status = run("status", "--profile", "work");
        assertThat(status.code()).isEqualTo(3);
        assertThat(status.out()).contains("Issuer:    https://id.example.com/realms/acme").contains("Signed in: no");
        Outcome json = run("status", "--profile", "work", "--json");
        assertThat(json.out()).contains("\"signed_in\":false").contains("\"client_id\":\"cli\"");
        // a later configure changes only what it is given
        assertThat(run("configure", "--profile", "work", "--scope", "openid email").code()).isZero();
        assertThat(run("status", "--profile", "work", "--json").out()).contains("\"scope\":\"openid email\"").contains("\"client_id\":\"cli\"");
    }

    @Test
    void aBadIssuerLosesNothing() {
        run("configure", "--profile", "work", "--issuer", "https://id.example.com/realms/acme", "--client-id", "cli");
        Outcome bad = run("configure", "--profile", "work", "--issuer", "http://id.example.com/");
        assertThat(bad.code()).isEqualTo(8);
        assertThat(run("status", "--profile", "work").out()).contains("https://id.example.com/realms/acme");
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertThat(run("login", "--timeout", "soon").code()).isEqualTo(2);
        assertThat(run("login", "--frobnicate").code()).isEqualTo(2);
        assertThat(run("token", "--profile", "../x").code()).isEqualTo(8);
        assertThat(run().code()).isEqualTo(2);
    }

    @Test
    void interactiveLoginIsRefusedInCi() {
        Outcome o = run(Map.of("CI", "true"), "login", "--issuer", "https://id.example.com/realms/acme", "--client-id", "cli");
        assertThat(o.code()).isEqualTo(7);
        assertThat(o.err()).contains("CI runner");
    }

    @Test
    void statusWithoutAProfileListsThemAll() {
        assertThat(run("status").code()).isEqualTo(3);
        assertThat(run("status").out()).contains("No profiles yet");
        run("configure", "--profile", "work", "--issuer", "https://id.example.com/realms/acme", "--client-id", "cli");
        run("configure", "--profile", "home", "--issuer", "https://home.example.com", "--client-id", "cli2");
        Outcome list = run("status");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("PROFILE").contains("home").contains("work").contains("https://home.example.com").contains("file");
        Outcome json = run("status", "--json");
        assertThat(json.out()).startsWith("{\"profiles\":[").contains("\"profile\":\"home\"").contains("\"profile\":\"work\"");
    }

    @Test
    void logoutAllWithNothingSignedInSaysSo() {
        run("configure", "--profile", "work", "--issuer", "https://id.example.com/realms/acme", "--client-id", "cli");
        Outcome o = run("logout", "--all");
        assertThat(o.code()).isZero();
        assertThat(o.err()).contains("No profile was signed in");
        assertThat(run("logout", "--all", "--profile", "x").code()).isEqualTo(2);
    }

    @Test
    void theBashCompletionScriptCompletesCommandsInARealBash() throws Exception {
        Outcome script = run("completion", "bash");
        assertThat(script.code()).isZero();
        Path file = home.resolve("cliauth-completion.bash");
        java.nio.file.Files.writeString(file, script.out());
        // stderr apart: outside a real completion, bash's compopt complains that no completion is running
        Process bash = new ProcessBuilder("bash", "-c", "source '" + file + "'; COMP_WORDS=(cliauth lo); COMP_CWORD=1; "
                + "COMP_LINE='cliauth lo'; COMP_POINT=10; _picocli_cliauth; echo \"${COMPREPLY[@]}\"").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String completions = new String(bash.getInputStream().readAllBytes()).strip();
        assertThat(bash.waitFor()).isZero();
        assertThat(completions).isEqualTo("login logout");
        assertThat(run("completion", "fish").code()).isEqualTo(2);
    }

    @Test
    void profileNamesAreCompletedFromTheProfilesSavedWhenTheShellCompletes() throws Exception {
        Path file = home.resolve("cliauth-completion.bash");
        java.nio.file.Files.writeString(file, run("completion", "bash").out());
        assertThat(run("configure", "--profile", "work", "--issuer", "https://id.example.com/realms/acme", "--client-id", "cli").code()).isZero();
        assertThat(run("configure", "--profile", "wiki", "--issuer", "https://id.example.com/realms/acme", "--client-id", "cli").code()).isZero();
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "source '" + file + "'; COMP_WORDS=(cliauth token --profile w); COMP_CWORD=3; "
                + "COMP_LINE='cliauth token --profile w'; COMP_POINT=25; _complete_cliauth; echo \"${COMPREPLY[@]}\"")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("XDG_CONFIG_HOME");
        Process bash = builder.start();
        String completions = new String(bash.getInputStream().readAllBytes()).strip();
        assertThat(bash.waitFor()).isZero();
        assertThat(completions.split(" ")).containsExactlyInAnyOrder("wiki", "work");
        assertThat(run("completion", "zsh", "--help").out()).contains("${fpath[1]}/_cliauth").doesNotContain("null");
    }

    @Test
    void logoutWithoutASessionIsFine() {
        Outcome o = run("logout", "--profile", "work");
        assertThat(o.code()).isZero();
        assertThat(o.err()).contains("Not signed in");
    }

    @Test
    void explainSaysWhyWithoutContactingAnyone() {
        Outcome ssh = run(Map.of("SSH_CONNECTION", "203.0.113.9 51000 198.51.100.7 22"), "explain", "--issuer", "https://id.example.com/realms/acme", "--json");
        assertThat(ssh.code()).isZero();
        assertThat(ssh.out()).contains("\"flow\":\"authorization_code+pkce\"").contains("\"paste_mode\":true").contains("SSH_CONNECTION is set")
                .doesNotContain("203.0.113.9");
        Outcome device = run(Map.of(), "explain", "--device");
        assertThat(device.out()).contains("Device Authorization Grant").contains("device_flow = \"explicit\" (built-in default)");
        Outcome ci = run(Map.of("GITLAB_CI", "true"), "explain");
        assertThat(ci.out()).contains("refused").contains("GitLab CI");
    }

    @Test
    void explainNamesTheProviderWhoseHabitsApply() {
        Outcome entra = run(Map.of(), "explain", "--issuer", "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0");
        assertThat(entra.code()).isZero();
        assertThat(entra.out()).contains("Provider:    Microsoft Entra ID (its habits apply");
        Outcome github = run(Map.of(), "explain", "--issuer", "https://github.com", "--json");
        assertThat(github.out()).contains("\"provider\":\"github\"");
        Outcome plain = run(Map.of(), "explain", "--issuer", "https://id.example.com/realms/acme");
        assertThat(plain.out()).contains("Provider:    standard OpenID Connect");
    }

    @Test
    void aPolicyNamedByCliauthPolicyThatIsMissingIsAnError() {
        Outcome o = run(Map.of("CLIAUTH_POLICY", home.resolve("nope.toml").toString()), "explain");
        assertThat(o.code()).isEqualTo(8);
        assertThat(o.err()).contains("nope.toml").contains("CLIAUTH_POLICY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"login", "configure", "token", "status", "logout", "explain", "demo", "completion", "dev-idp", "dev-idp start", "dev-idp stop", "dev-idp status"})
    void everyCommandHasHelpWithExamplesAndExitCodes(String command) {
        String[] args = (command + " --help").split(" ");
        Outcome o = run(args);
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("Usage: cliauth " + command).containsIgnoringCase("example").contains("Exit codes");
    }
}
