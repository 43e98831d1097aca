package dev.cliauth.core.policy;

import dev.cliauth.core.config.Profile;
import dev.cliauth.core.env.Environment;
import dev.cliauth.core.env.EnvironmentProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision matrix of DESIGN.md, row by row, under each device_flow setting. */
class FlowPolicyDecisionTableTest {
    private static final Profile PROFILE = Profile.of("p", URI.create("https://id.example.com/realms/acme"), "cli");
    private final FlowPolicy policy = new FlowPolicy();

    static Environment place(String name) {
        return switch (name) {
            case "laptop" -> env(Optional.empty(), false, false, Optional.empty(), false, true, false);
            case "laptop-no-display" -> env(Optional.empty(), false, false, Optional.empty(), false, false, false);
            case "ssh" -> env(Optional.empty(), true, false, Optional.empty(), false, false, false);
            case "ssh-x11" -> env(Optional.empty(), true, false, Optional.empty(), false, true, false);
            case "ssh-browser" -> env(Optional.empty(), true, false, Optional.empty(), false, false, true);
            case "container" -> env(Optional.empty(), false, true, Optional.empty(), false, false, false);
            case "codespaces" -> env(Optional.empty(), false, true, Optional.of("GitHub Codespaces"), false, false, true);
            case "gitpod" -> env(Optional.empty(), false, true, Optional.of("Gitpod"), false, false, false);
            case "wsl" -> env(Optional.empty(), false, false, Optional.empty(), true, false, false);
            case "ci" -> env(Optional.of("GitHub Actions"), false, true, Optional.empty(), false, false, false);
            // cloud shells and remote IDEs, as the probe sees them from the variables each one sets
            case "azure-cloud-shell" -> probed(Map.of("ACC_CLOUD", "PROD", "ACC_LOCATION", "westeurope"));
            case "aws-cloudshell" -> probed(Map.of("AWS_EXECUTION_ENV", "CloudShell", "AWS_REGION", "eu-west-1"));
            case "coder" -> probed(Map.of("CODER", "true", "CODER_WORKSPACE_NAME", "dev", "CODER_WORKSPACE_AGENT_NAME", "main"));
            case "jetbrains-gateway" -> probed(Map.of("REMOTE_DEV_LAUNCHER_NAME_FOR_USAGE", "remote-dev-server.sh"));
            case "aws-lambda" -> probed(Map.of("AWS_EXECUTION_ENV", "AWS_Lambda_java17")); // not a shell a person uses
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Environment probed(Map<String, String> variables) {
        return new EnvironmentProbe(variables, path -> false, path -> Optional.empty(), "Linux", true).probe();
    }

    private static Environment env(Optional<String> ci, boolean ssh, boolean container, Optional<String> ide, boolean wsl, boolean desktop, boolean browser) {
        return new Environment(ci, ssh, container, ide, wsl, desktop, true, browser, List.of());
    }

    private static Policy rule(String deviceFlow) {
        return TestPolicies.deviceFlow(Path.of("/etc/cliauth/policy.toml"), DeviceFlowRule.valueOf(deviceFlow.toUpperCase().replace('-', '_')));
    }

    /**
     * place, device_flow, --device, --no-browser -> flow, browser opened, paste accepted, ssh hint.
     * "refused" rows have no browser/paste/hint.
     */
    @ParameterizedTest(name = "{0}, device_flow={1}, --device={2}, --no-browser={3} -> {4}")
    @CsvSource({
            // laptop / workstation: PKCE, browser opened; device only on request
            "laptop,            explicit, false, false, authorization_code+pkce, true,  false, false",
            "laptop,            headless, false, false, authorization_code+pkce, true,  false, false",
            "laptop,            explicit, true,  false, device_code,             true,  false, false",
            "laptop,            never,    true,  false, refused,                 ,      ,      ",
            "laptop,            explicit, false, true,  authorization_code+pkce, false, true,  false",
            "laptop-no-display, explicit, false, false, authorization_code+pkce, false, true,  false",
            // SSH: PKCE with the URL printed, paste mode and the ssh -L hint; device flow when policy says headless
            "ssh,               explicit, false, false, authorization_code+pkce, false, true,  true",
            "ssh,               never,    false, false, authorization_code+pkce, false, true,  true",
            "ssh,               headless, false, false, device_code,             false, false, false",
            "ssh,               explicit, true,  false, device_code,             false, false, false",
            "ssh,               never,    true,  false, refused,                 ,      ,      ",
            "ssh-x11,           explicit, false, false, authorization_code+pkce, false, true,  true",
            "ssh-browser,       headless, false, false, authorization_code+pkce, true,  false, false",
            // container: as SSH, without the port-forward hint
            "container,         explicit, false, false, authorization_code+pkce, false, true,  false",
            "container,         headless, false, false, device_code,             false, false, false",
            // cloud IDE: its BROWSER helper opens the local browser (port forwarding); else as SSH
            "codespaces,        headless, false, false, authorization_code+pkce, true,  false, false",
            "gitpod,            explicit, false, false, authorization_code+pkce, false, true,  false",
            "gitpod,            headless, false, false, device_code,             false, false, false",
            // cloud shells and remote IDEs (Azure Cloud Shell, AWS CloudShell, Coder, JetBrains Gateway): no browser here, as SSH
            "azure-cloud-shell, explicit, false, false, authorization_code+pkce, false, true,  false",
            "azure-cloud-shell, headless, false, false, device_code,             false, false, false",
            "aws-cloudshell,    explicit, false, false, authorization_code+pkce, false, true,  false",
            "aws-cloudshell,    headless, false, false, device_code,             false, false, false",
            "coder,             explicit, false, false, authorization_code+pkce, false, true,  false",
            "coder,             headless, false, false, device_code,             false, false, false",
            "jetbrains-gateway, explicit, false, false, authorization_code+pkce, false, true,  false",
            "jetbrains-gateway, headless, false, false, device_code,             false, false, false",
            "jetbrains-gateway, never,    true,  false, refused,                 ,      ,      ",
            "aws-lambda,        headless, false, false, authorization_code+pkce, false, true,  false",
            // WSL: the Windows browser opens
            "wsl,               explicit, false, false, authorization_code+pkce, true,  false, false",
            "wsl,               headless, false, false, authorization_code+pkce, true,  false, false",
            // CI: never interactive, whatever is asked
            "ci,                explicit, false, false, refused,                 ,      ,      ",
            "ci,                headless, true,  false, refused,                 ,      ,      ",
    })
    void decides(String place, String deviceFlow, boolean device, boolean noBrowser, String flow, Boolean browser, Boolean paste, Boolean hint) {
        FlowDecision decision = policy.decide(place(place), rule(deviceFlow), PROFILE, new LoginFlags(device, !noBrowser));

        assertThat(decision.flow()).isEqualTo(flow);
        assertThat(decision.reasons()).isNotEmpty();
        if (decision instanceof FlowDecision.Pkce pkce) {
            assertThat(pkce.openBrowser()).as("browser opened").isEqualTo(browser);
            assertThat(pkce.acceptPaste()).as("paste accepted").isEqualTo(paste);
            assertThat(pkce.sshPortHint()).as("ssh hint").isEqualTo(hint);
        } else if (decision instanceof FlowDecision.Device d) {
            assertThat(d.openBrowser()).as("verification page opened").isEqualTo(browser);
            assertThat(d.fallback().openBrowser()).isEqualTo(browser);
            assertThat(d.fallback().acceptPaste()).isEqualTo(!browser);
        }
    }

    @Test
    void aDeviceRefusalNamesThePolicyFileAndSetting() {
        FlowDecision decision = policy.decide(place("laptop"), rule("never"), PROFILE, new LoginFlags(true, true));
        assertThat(decision).isInstanceOfSatisfying(FlowDecision.Refused.class, r -> {
            assertThat(r.setting()).isEqualTo("device_flow");
            assertThat(r.message()).contains("/etc/cliauth/policy.toml").contains("device_flow = \"never\"");
        });
    }

    @Test
    void anIssuerOutsideAllowedIssuersIsRefusedEvenWithDevice() {
        Policy allowList = TestPolicies.allowedIssuers(Path.of("/p.toml"), List.of("https://other.example.com"));
        FlowDecision decision = policy.decide(place("laptop"), allowList, PROFILE, new LoginFlags(true, true));
        assertThat(decision).isInstanceOfSatisfying(FlowDecision.Refused.class, r -> {
            assertThat(r.setting()).isEqualTo("allowed_issuers");
            assertThat(r.message()).contains("https://id.example.com/realms/acme").contains("/p.toml");
        });
        Policy allowed = TestPolicies.allowedIssuers(Path.of("/p.toml"), List.of("https://id.example.com/realms/acme"));
        assertThat(policy.decide(place("laptop"), allowed, PROFILE, new LoginFlags(false, true))).isInstanceOf(FlowDecision.Pkce.class);
    }

    @Test
    void ciRefusalPointsToWorkloadIdentity() {
        FlowDecision decision = policy.decide(place("ci"), Policy.defaults(), PROFILE, new LoginFlags(false, true));
        assertThat(decision).isInstanceOfSatisfying(FlowDecision.Refused.class,
                r -> assertThat(r.message()).contains("CI runner").contains("GitHub Actions").contains("workload identity"));
    }

    @ParameterizedTest(name = "{0} is named {1}")
    @CsvSource({
            "azure-cloud-shell, cloud IDE or shell (Azure Cloud Shell)",
            "aws-cloudshell,    cloud IDE or shell (AWS CloudShell)",
            "coder,             cloud IDE or shell (Coder)",
            "jetbrains-gateway, cloud IDE or shell (JetBrains remote development)",
    })
    void eachCloudShellAndRemoteIdeIsNamedInTheReasons(String place, String named) {
        FlowDecision decision = policy.decide(place(place), Policy.defaults(), PROFILE, new LoginFlags(false, true));
        assertThat(decision.reasons()).contains("environment: " + named);
        assertThat(FlowPolicy.describePlace(place(place))).isEqualTo(named);
    }

    @Test
    void reasonsSayWhereAndWhy() {
        FlowDecision decision = policy.decide(place("ssh"), Policy.defaults(), PROFILE, new LoginFlags(false, true));
        assertThat(String.join("\n", decision.reasons())).contains("SSH session").contains("no browser").contains("built-in default").contains("ssh -L");
    }
}
