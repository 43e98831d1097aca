package dev.cliauth.core.policy;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Policy files an administrator might write, well-formed and not, and what cliauth makes of each. */
class PolicyFileSettingsTableTest {
    private static final Path FILE = Path.of("/etc/cliauth/policy.toml");
    private static final Map<String, String> ENV = Map.of("HOME", "/home/alice");
    private static final String PREFIX = "Policy file /etc/cliauth/policy.toml: ";

    static Stream<Arguments> wellFormed() {
        return Stream.of(
                arguments("", policy(DeviceFlowRule.EXPLICIT, List.of(), null)),
                arguments("# nothing set yet\n\n", policy(DeviceFlowRule.EXPLICIT, List.of(), null)),
                arguments("device_flow = \"never\"", policy(DeviceFlowRule.NEVER, List.of(), null)),
                arguments("device_flow = 'explicit'", policy(DeviceFlowRule.EXPLICIT, List.of(), null)),
                arguments("device_flow = \"headless\"", policy(DeviceFlowRule.HEADLESS, List.of(), null)),
                arguments("allowed_issuers = [\"https://id.example.com/realms/acme\", \"http://127.0.0.1:8180/realms/dev\"]",
                        policy(DeviceFlowRule.EXPLICIT, List.of("https://id.example.com/realms/acme", "http://127.0.0.1:8180/realms/dev"), null)),
                arguments("allowed_issuers = [\n  \"https://a.example\",  # the IdP\n  \"https://b.example/\",\n]",
                        policy(DeviceFlowRule.EXPLICIT, List.of("https://a.example", "https://b.example/"), null)),
                arguments("device_flow = \"headless-only\"", policy(DeviceFlowRule.HEADLESS_ONLY, List.of(), null)),
                arguments("token_storage = \"keychain\"", new Policy.Settings(DeviceFlowRule.EXPLICIT, Optional.empty(), List.of(),
                        TokenStorageRule.KEYCHAIN, false)),
                arguments("token_storage = \"file\"", new Policy.Settings(DeviceFlowRule.EXPLICIT, Optional.empty(), List.of(),
                        TokenStorageRule.FILE, false)),
                arguments("require_dpop = true", new Policy.Settings(DeviceFlowRule.EXPLICIT, Optional.empty(), List.of(),
                        TokenStorageRule.AUTO, true)),
                arguments("audit_log = \"/var/log/cliauth/audit.jsonl\"",
                        policy(DeviceFlowRule.EXPLICIT, List.of(), "/var/log/cliauth/audit.jsonl")),
                arguments("dynamic_registration = \"never\"", new Policy.Settings(DeviceFlowRule.EXPLICIT, Optional.empty(), List.of(),
                        TokenStorageRule.AUTO, false, DynamicRegistrationRule.NEVER, Optional.empty())),
                arguments("allowed_resources = [\"https://api.example.com/mcp\", \"http://127.0.0.1:9000/\"]",
                        new Policy.Settings(DeviceFlowRule.EXPLICIT, Optional.empty(), List.of(), TokenStorageRule.AUTO, false,
                                DynamicRegistrationRule.ALLOWED, Optional.of(List.of(new ResourcePrefix("https://api.example.com/mcp"),
                                new ResourcePrefix("http://127.0.0.1:9000/"))))),
                arguments("audit_log = \"~/.local/state/cliauth/audit.jsonl\"",
                        policy(DeviceFlowRule.EXPLICIT, List.of(), "/home/alice/.local/state/cliauth/audit.jsonl")),
                arguments("""
                        # Acme workstation policy
                        device_flow = "headless"
                        allowed_issuers = ["https://login.acme.example"]
                        audit_log = "/var/log/cliauth.jsonl"
                        """, policy(DeviceFlowRule.HEADLESS, List.of("https://login.acme.example"), "/var/log/cliauth.jsonl")));
    }

    @ParameterizedTest
    @MethodSource("wellFormed")
    void readsWellFormedFiles(String toml, Policy.Settings expected) {
        assertThat(load(toml, ENV).settings()).isEqualTo(expected);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("# policy\n\ndevice_flow = \"sometimes\"",
                        "line 3: device_flow must be one of never, headless-only, explicit, headless (found \"sometimes\")."),
                arguments("device_flow = \"Never\"", "line 1: device_flow must be one of never, headless-only, explicit, headless (found \"Never\")."),
                arguments("device_flow = 3", "line 1: device_flow must be one of never, headless-only, explicit, headless (found 3)."),
                arguments("token_storage = \"vault\"", "line 1: token_storage must be one of auto, keychain, file (found \"vault\")."),
                arguments("device_flow = true", "line 1: device_flow must be one of never, headless-only, explicit, headless (found true)."),
                arguments("device_flow = [\"never\"]", "line 1: device_flow must be one of never, headless-only, explicit, headless (found an array)."),
                arguments("[device_flow]\nmode = \"never\"", "line 1: device_flow must be one of never, headless-only, explicit, headless (found a table)."),
                arguments("device_flow = \"\"\"\nnever\nplease\"\"\"",
                        "line 1: device_flow must be one of never, headless-only, explicit, headless (found \"never\\nplease\")."),
                arguments("device_flow = \"never\"\ndevice_flwo = \"never\"",
                        "line 2: unknown setting \"device_flwo\" (known settings: device_flow, allowed_issuers, audit_log, token_storage, require_dpop, dynamic_registration, allowed_resources)."),
                arguments("audit_log = \"/var/log/a\"\n[logging]\nlevel = 1",
                        "line 2: unknown setting \"logging\" (known settings: device_flow, allowed_issuers, audit_log, token_storage, require_dpop, dynamic_registration, allowed_resources)."),
                arguments("device_flow = \"never\"\ndevice_flow = \"headless\"",
                        "line 2, column 1: device_flow previously defined at line 1, column 1."),
                arguments("allowed_issuers = \"https://id.example.com\"",
                        "line 1: allowed_issuers must be an array of issuer URLs, like [\"https://login.example.com\"] (found \"https://id.example.com\")."),
                arguments("allowed_issuers = []",
                        "line 1: allowed_issuers is empty; list at least one issuer, or remove the setting to allow any issuer."),
                arguments("allowed_issuers = [\n  \"https://a.example\",\n  3,\n]",
                        "line 1: allowed_issuers must contain only issuer URLs as strings (found 3)."),
                arguments("allowed_issuers = [\"login.example.com\"]",
                        "line 1: allowed_issuers: Issuer 'login.example.com' must be an absolute https:// URL."),
                arguments("allowed_issuers = [\"http://login.example.com\"]",
                        "line 1: allowed_issuers: Issuer 'http://login.example.com' uses plain http; only https is accepted except for loopback hosts (127.0.0.1, ::1, localhost)."),
                arguments("allowed_issuers = [\"https://a.example \"]",
                        "line 1: allowed_issuers entry \"https://a.example \" has spaces around it; issuers are compared exactly."),
                arguments("audit_log = \"logs/audit.jsonl\"",
                        "line 1: audit_log must be an absolute path, like \"/var/log/cliauth/audit.jsonl\" or \"~/.local/state/cliauth/audit.jsonl\" (found \"logs/audit.jsonl\")."),
                arguments("audit_log = \"\"",
                        "line 1: audit_log must be an absolute path, like \"/var/log/cliauth/audit.jsonl\" or \"~/.local/state/cliauth/audit.jsonl\" (found \"\")."),
                arguments("audit_log = true",
                        "line 1: audit_log must be an absolute path, like \"/var/log/cliauth/audit.jsonl\" or \"~/.local/state/cliauth/audit.jsonl\" (found true)."),
                arguments("audit_log = \"/var/log/\\u0000x\"", "line 1: audit_log is not a valid path (found \"/var/log/\\u0000x\")."),
                arguments("dynamic_registration = \"sometimes\"", "line 1: dynamic_registration must be one of never, allowed (found \"sometimes\")."),
                arguments("allowed_resources = []",
                        "line 1: allowed_resources is empty; list at least one URL, or remove the setting to allow any resource."),
                arguments("allowed_resources = \"https://api.example.com\"",
                        "line 1: allowed_resources must be an array of URLs, like [\"https://api.example.com/\"] (found \"https://api.example.com\")."),
                arguments("allowed_resources = [\"http://api.example.com/mcp\"]",
                        "line 1: allowed_resources: Resource 'http://api.example.com/mcp' uses plain http; only https is accepted except for loopback hosts (127.0.0.1, ::1, localhost)."),
                arguments("allowed_resources = [\"https://api.example.com/#x\"]",
                        "line 1: allowed_resources: Resource 'https://api.example.com/#x' must not have a fragment, user name or password (RFC 8707 §2)."));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedFilesNamingTheFileLineAndSetting(String toml, String expected) {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> load(toml, ENV));
        assertThat(e).as("no error for %s", toml).isNotNull();
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo(PREFIX + expected);
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                arguments("device_flow = never", "line 1, column 15: "),
                arguments("allowed_issuers = [\"https://a.example\"", "line 1, column 39: "),
                arguments("# fine\naudit_log = \"/var/log/x", "line 2, column 24: "),
                arguments("[policy\ndevice_flow = \"never\"", "line 1, column 8: "));
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void reportsTomlSyntaxErrorsWithLineAndColumnOnOneLine(String toml, String where) {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> load(toml, ENV));
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).startsWith(PREFIX + where).endsWith(".").doesNotContain("\n");
    }

    @Test
    void aPathUnderTheHomeDirectoryNeedsHome() {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> load("audit_log = \"~/audit.jsonl\"", Map.of()));
        assertThat(e.getMessage()).isEqualTo(PREFIX + "line 1: audit_log starts with ~/ but HOME is not set (found \"~/audit.jsonl\").");
    }

    private static Policy load(String toml, Map<String, String> env) {
        return new PolicySources(List.of(FILE), env, file -> file.equals(FILE) ? Optional.of(toml) : Optional.empty()).load();
    }

    private static Policy.Settings policy(DeviceFlowRule deviceFlow, List<String> issuers, String auditLog) {
        return new Policy.Settings(deviceFlow, issuers.isEmpty() ? Optional.empty() : Optional.of(issuers),
                Optional.ofNullable(auditLog).map(Path::of).stream().toList(), TokenStorageRule.AUTO, false);
    }
}
