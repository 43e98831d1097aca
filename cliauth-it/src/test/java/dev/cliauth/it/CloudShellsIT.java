package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cliauth explain} in the cloud shells and remote IDEs it knows from their own variables: each is named, is a
 * headless place (paste mode by default), and gets the device flow by itself where the policy says headless.
 */
class CloudShellsIT {
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path home;

    @TempDir
    Path installed;

    @ParameterizedTest(name = "{0}={1}: {2}")
    @CsvSource({
            "ACC_CLOUD,                          PROD,                 Azure Cloud Shell",
            "AWS_EXECUTION_ENV,                  CloudShell,           AWS CloudShell",
            "CODER,                              true,                 Coder",
            "REMOTE_DEV_LAUNCHER_NAME_FOR_USAGE, remote-dev-server.sh, JetBrains remote development",
    })
    void explainNamesTheShellAndDecidesAsForAHeadlessPlace(String variable, String value, String place) throws Exception {
        Cli cli = new Cli(home).with(variable, value);

        Cli.Result text = cli.run(WAIT, "explain", "--issuer", "https://id.example.com/realms/acme", "--client-id", "cli");
        Cli.Result json = cli.run(WAIT, "explain", "--issuer", "https://id.example.com/realms/acme", "--client-id", "cli", "--json");
        // the device flow by itself in headless places is the administrator's to allow (a user's file can only tighten)
        Cli.Result headless = Installation.in(installed).policy("device_flow = \"headless\"\n").cli(home).with(variable, value)
                .run(WAIT, "explain", "--issuer", "https://id.example.com/realms/acme", "--client-id", "cli", "--json");

        assertThat(text.exitCode()).as(text.stderr()).isZero();
        assertThat(text.stdout()).contains("cloud IDE or shell (" + place + ")").contains(variable + " is");
        Map<String, Object> decision = JSONObjectUtils.parse(json.stdout());
        assertThat(JSONObjectUtils.getJSONObject(decision, "environment")).containsEntry("cloud_ide", place).containsEntry("browser_usable", false);
        assertThat(decision).containsEntry("flow", "authorization_code+pkce").containsEntry("paste_mode", true);
        assertThat(JSONObjectUtils.parse(headless.stdout())).containsEntry("flow", "device_code");
    }
}
