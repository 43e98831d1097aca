package dev.cliauth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code configure --provider ...}: each preset turns a client id (and a tenant or base URL) into a working profile. */
class ConfigureProviderPresetTest {
    @TempDir
    Path home;

    record Outcome(int code, String out, String err) {
    }

    private Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new App(Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin", "GOOGLE_SECRET", "GOCSPX-n0t-c0nf1dent1al"),
                new PrintWriter(out, true),
                new PrintWriter(err, true), Clock.systemUTC(), false), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private Map<String, Object> fields(String name) throws Exception {
        return dev.cliauth.core.io.JsonObject.parse(Files.readString(home.resolve(".config/cliauth/profiles/" + name + ".json"))).fields();
    }

    @Test
    void entraNeedsOnlyATenantAndAskForRefreshTokens() throws Exception {
        Outcome o = run("configure", "--profile", "e", "--tenant", "contoso.onmicrosoft.com", "--client-id", "app-id");

        assertThat(o.code()).isZero();
        assertThat(o.err()).contains("Microsoft Entra ID");
        assertThat(fields("e")).containsEntry("issuer", "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0")
                .containsEntry("provider", "entra").containsEntry("scope", "openid profile email offline_access");
    }

    @Test
    void entrasNationalCloudIsABaseUrl() throws Exception {
        assertThat(run("configure", "--profile", "e", "--provider", "entra", "--issuer", "https://login.microsoftonline.us",
                "--tenant", "common", "--client-id", "app-id").code()).isZero();
        assertThat(fields("e")).containsEntry("issuer", "https://login.microsoftonline.us/common/v2.0");
    }

    @Test
    void githubNeedsOnlyAClientIdAndGitHubEnterpriseABaseUrl() throws Exception {
        assertThat(run("configure", "--profile", "gh", "--provider", "github", "--client-id", "Iv1.abc").code()).isZero();
        assertThat(fields("gh")).containsEntry("issuer", "https://github.com").containsEntry("scope", "read:user");

        assertThat(run("configure", "--profile", "ghe", "--provider", "github", "--issuer", "https://ghe.example.com/", "--client-id", "Iv1.abc",
                "--scope", "repo").code()).isZero();
        assertThat(fields("ghe")).containsEntry("issuer", "https://ghe.example.com").containsEntry("scope", "repo");
    }

    @Test
    void theProviderIsDetectedFromTheIssuerAndAuth0GetsItsTrailingSlash() throws Exception {
        Outcome o = run("configure", "--profile", "a", "--issuer", "https://acme.eu.auth0.com", "--client-id", "id",
                "--api-audience", "https://api.example.com");

        assertThat(o.code()).isZero();
        assertThat(o.err()).contains("Auth0").contains("API audience https://api.example.com");
        assertThat(fields("a")).containsEntry("issuer", "https://acme.eu.auth0.com/").containsEntry("api_audience", "https://api.example.com")
                .containsEntry("scope", "openid profile email offline_access").doesNotContainKey("provider");
    }

    @Test
    void googlesInstalledAppSecretIsKeptButNeverPrinted() throws Exception {
        Outcome o = run("configure", "--profile", "g", "--provider", "google", "--client-id", "1-x.apps.googleusercontent.com",
                "--installed-app-secret-env", "GOOGLE_SECRET");

        assertThat(o.code()).isZero();
        assertThat(o.err()).contains("installed-app secret kept in the profile file").doesNotContain("GOCSPX-n0t-c0nf1dent1al");
        assertThat(fields("g")).containsEntry("issuer", "https://accounts.google.com")
                .containsEntry("installed_app_client_secret", "GOCSPX-n0t-c0nf1dent1al");
        Outcome status = run("status", "--profile", "g");
        assertThat(status.out()).contains("(Google)").doesNotContain("GOCSPX");
        assertThat(run("status", "--profile", "g", "--json").out()).contains("\"provider\":\"google\"").doesNotContain("GOCSPX");
    }

    @Test
    void theInstalledAppSecretComesFromAFileOrAVariableAndNeverFromTheCommandLine() throws Exception {
        Path file = home.resolve("google-secret");
        Files.writeString(file, "GOCSPX-fr0m-a-f1le\n");
        assertThat(run("configure", "--profile", "f", "--provider", "google", "--client-id", "1-x.apps.googleusercontent.com",
                "--installed-app-secret-file", file.toString()).code()).isZero();
        assertThat(fields("f")).containsEntry("installed_app_client_secret", "GOCSPX-fr0m-a-f1le");

        Outcome inline = run("configure", "--profile", "c", "--provider", "google", "--client-id", "1-x.apps.googleusercontent.com",
                "--installed-app-secret", "GOCSPX-0n-the-l1ne");
        assertThat(inline.code()).isEqualTo(ExitCode.USAGE);
        assertThat(inline.err()).contains("never pass a secret on the command line").contains("--installed-app-secret-env")
                .doesNotContain("GOCSPX-0n-the-l1ne");
        assertThat(home.resolve("config/cliauth/profiles/c.json")).doesNotExist();

        Outcome unset = run("configure", "--profile", "u", "--provider", "google", "--client-id", "1-x.apps.googleusercontent.com",
                "--installed-app-secret-env", "NOT_SET_HERE");
        assertThat(unset.code()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(unset.err()).contains("names a variable that is not set");
    }

    @Test
    void laterCommandsKeepThePresetAndItsIssuer() throws Exception {
        run("configure", "--profile", "e", "--tenant", "organizations", "--client-id", "app-id");
        assertThat(run("configure", "--profile", "e", "--scope", "openid offline_access").code()).isZero();

        assertThat(fields("e")).containsEntry("issuer", "https://login.microsoftonline.com/organizations/v2.0")
                .containsEntry("provider", "entra").containsEntry("scope", "openid offline_access");
    }

    @Test
    void anUnknownProviderOrAMisplacedTenantIsAConfigurationError() {
        Outcome unknown = run("configure", "--provider", "keycloak9", "--client-id", "x");
        assertThat(unknown.code()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(unknown.err()).contains("Unknown provider 'keycloak9'").contains("entra, okta, auth0, google, github, workos");

        Outcome tenant = run("configure", "--provider", "okta", "--tenant", "x", "--issuer", "https://acme.okta.com", "--client-id", "x");
        assertThat(tenant.code()).isEqualTo(ExitCode.CONFIGURATION);
        assertThat(tenant.err()).contains("--tenant is for --provider entra");

        Outcome okta = run("configure", "--provider", "okta", "--client-id", "x");
        assertThat(okta.err()).contains("Okta needs --issuer URL");
    }

    @Test
    void helpShowsAnExampleForEachProvider() {
        String help = run("login", "--help").out();
        assertThat(help).contains("--provider entra --tenant", "--provider okta", "--provider auth0", "--api-audience",
                "--provider google", "--installed-app-secret-env", "--provider github", "--provider workos");
    }

}
