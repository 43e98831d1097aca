package dev.cliauth.core.policy;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Where the policy is looked for, what a missing file means there, and how the files combine: the administrator's
 * always apply, and a file a user controls can only add restrictions.
 */
class PolicySourcesTest {
    private static final Path ETC = Path.of("/etc/cliauth/policy.toml");
    private static final Path INSTALL = Path.of("/opt/cliauth/conf/policy.toml");
    private static final Path USER = Path.of("/home/alice/project/policy.toml");

    @TempDir
    Path dir;

    private static PolicySources sources(Map<String, String> env, Map<Path, String> files) {
        return new PolicySources(List.of(ETC, INSTALL), env, file -> Optional.ofNullable(files.get(file)));
    }

    private static Map<String, String> user() {
        return Map.of("CLIAUTH_POLICY", USER.toString(), "HOME", "/home/alice");
    }

    @Test
    void theAdministratorsFilesComeFirstThenTheUsers() {
        assertThat(sources(Map.of("HOME", "/home/alice"), Map.of()).sources()).extracting(PolicySources.Source::file)
                .containsExactly(ETC, INSTALL, Path.of("/home/alice/.config/cliauth/policy.toml"));
        assertThat(sources(user(), Map.of()).sources()).extracting(PolicySources.Source::authority)
                .containsExactly(PolicyLayer.Authority.ADMINISTRATOR, PolicyLayer.Authority.ADMINISTRATOR, PolicyLayer.Authority.USER,
                        PolicyLayer.Authority.USER);
    }

    @Test
    void noFileAnywhereMeansTheBuiltInDefaults() {
        assertThat(sources(Map.of("HOME", "/home/alice"), Map.of()).load().settings()).isEqualTo(Policy.defaults().settings());
    }

    @Test
    void aMissingFileNamedByCliauthPolicyIsAnErrorNotTheDefaults() {
        CliauthException e = catchThrowableOfType(CliauthException.class, () -> sources(user(), Map.of()).load());
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo("Policy file " + USER + " (from CLIAUTH_POLICY) does not exist; fix CLIAUTH_POLICY or unset it.");
    }

    @Test
    void anEmptyUserFileCannotLiftTheAdministratorsSettings() {
        Policy policy = sources(user(), Map.of(ETC, """
                device_flow = "never"
                allowed_issuers = ["https://id.example.com"]
                audit_log = "/var/log/cliauth/audit.jsonl"
                token_storage = "keychain"
                require_dpop = true
                dynamic_registration = "never"
                allowed_resources = ["https://api.example.com/"]
                """, USER, "")).load();
        assertThat(policy.deviceFlow()).isEqualTo(DeviceFlowRule.NEVER);
        assertThat(policy.allowedIssuers()).contains(List.of("https://id.example.com"));
        assertThat(policy.auditLogs()).containsExactly(Path.of("/var/log/cliauth/audit.jsonl"));
        assertThat(policy.tokenStorage()).isEqualTo(TokenStorageRule.KEYCHAIN);
        assertThat(policy.requireDpop()).isTrue();
        for (PolicyKey key : PolicyKey.values()) {
            assertThat(policy.source(key)).as(key.key()).contains(ETC);
        }
    }

    @Test
    void aUserFileThatTriesToLoosenIsOverruledAndSaysSo() {
        Policy policy = sources(user(), Map.of(ETC, """
                device_flow = "headless-only"
                allowed_issuers = ["https://id.example.com"]
                token_storage = "keychain"
                require_dpop = true
                """, USER, """
                device_flow = "headless"
                allowed_issuers = ["https://id.example.com", "https://evil.example.com"]
                token_storage = "file"
                require_dpop = false
                """)).load();
        assertThat(policy.deviceFlow()).isEqualTo(DeviceFlowRule.HEADLESS_ONLY);
        assertThat(policy.allowedIssuers()).contains(List.of("https://id.example.com"));
        assertThat(policy.tokenStorage()).isEqualTo(TokenStorageRule.KEYCHAIN);
        assertThat(policy.requireDpop()).isTrue();
        assertThat(policy.overruled()).hasSize(4).allSatisfy(note -> assertThat(note).startsWith("policy " + USER));
        assertThat(policy.overruled()).anySatisfy(note -> assertThat(note).contains("evil.example.com"));
    }

    @Test
    void aUserFileCanTightenEverySetting() {
        Policy policy = sources(user(), Map.of(ETC, """
                device_flow = "headless"
                allowed_issuers = ["https://a.example.com", "https://b.example.com"]
                audit_log = "/var/log/cliauth/audit.jsonl"
                """, USER, """
                device_flow = "never"
                allowed_issuers = ["https://b.example.com"]
                audit_log = "/home/alice/audit.jsonl"
                token_storage = "file"
                require_dpop = true
                """)).load();
        assertThat(policy.deviceFlow()).isEqualTo(DeviceFlowRule.NEVER);
        assertThat(policy.source(PolicyKey.DEVICE_FLOW)).contains(USER);
        assertThat(policy.allowedIssuers()).contains(List.of("https://b.example.com"));
        assertThat(policy.source(PolicyKey.ALLOWED_ISSUERS)).contains(USER);
        assertThat(policy.auditLogs()).containsExactly(Path.of("/var/log/cliauth/audit.jsonl"), Path.of("/home/alice/audit.jsonl"));
        assertThat(policy.tokenStorage()).isEqualTo(TokenStorageRule.FILE);
        assertThat(policy.requireDpop()).isTrue();
    }

    @Test
    void twoAllowListsWithNothingInCommonAllowNoIssuerAtAll() {
        Policy policy = sources(user(), Map.of(ETC, "allowed_issuers = [\"https://a.example.com\"]", USER,
                "allowed_issuers = [\"https://b.example.com\"]")).load();
        assertThat(policy.allowedIssuers()).contains(List.of());
        assertThat(policy.allowsIssuer("https://a.example.com")).isFalse();
        assertThat(policy.allowsIssuer("https://b.example.com")).isFalse();
    }

    @Test
    void theInstallationsConfIsAnAdministratorsFileToo() {
        Policy policy = sources(Map.of("HOME", "/home/alice"), Map.of(INSTALL, "device_flow = \"never\"")).load();
        assertThat(policy.deviceFlow()).isEqualTo(DeviceFlowRule.NEVER);
        assertThat(policy.origin(PolicyKey.DEVICE_FLOW)).isEqualTo("policy " + INSTALL);
        assertThat(policy.origin(PolicyKey.ALLOWED_ISSUERS)).isEqualTo("built-in default (no policy file)");
    }

    @Test
    void readsTheRealFileThroughASymbolicLinkAsConfigurationManagementPlacesIt() throws Exception {
        Path real = Files.writeString(dir.resolve("real.toml"), "allowed_issuers = [\"https://id.example.com\"]\n");
        Path link = Files.createSymbolicLink(dir.resolve("policy.toml"), real);

        Policy policy = new PolicySources(List.of(link), Map.of("HOME", dir.toString()), PolicySources::readFromDisk).load();

        assertThat(policy.allowedIssuers()).contains(List.of("https://id.example.com"));
        assertThat(policy.source(PolicyKey.ALLOWED_ISSUERS)).contains(link);
    }

    @Test
    void anUnreadableFileIsAConfigurationErrorNamingIt() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("policy.toml"));
        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> new PolicySources(List.of(), Map.of("CLIAUTH_POLICY", directory.toString(), "HOME", dir.toString()), PolicySources::readFromDisk).load());
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).startsWith("Policy file " + directory + ": cannot read it: ").doesNotContain("\n");
    }

    @Test
    void aFileThatIsNotUtf8IsRejected() throws Exception {
        Path file = Files.write(dir.resolve("policy.toml"), new byte[] {'a', ' ', '=', ' ', '"', (byte) 0xff, '"'});
        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> new PolicySources(List.of(), Map.of("CLIAUTH_POLICY", file.toString(), "HOME", dir.toString()), PolicySources::readFromDisk).load());
        assertThat(e.getMessage()).isEqualTo("Policy file " + file + ": cannot read it: it is not UTF-8 text.");
    }

}
