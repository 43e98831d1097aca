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

/** Where the policy is looked for, and what a missing file means there. */
class PolicyFileTest {
    private static final Path DEFAULT = Path.of("/etc/cliauth/policy.toml");

    @TempDir
    Path dir;

    @Test
    void isReadFromEtcUnlessCliauthPolicyNamesAnotherFile() {
        assertThat(new PolicyFile(Map.of(), none()).location()).isEqualTo(DEFAULT);
        assertThat(new PolicyFile(Map.of("CLIAUTH_POLICY", "  "), none()).location()).isEqualTo(DEFAULT);
        assertThat(new PolicyFile(Map.of("CLIAUTH_POLICY", "/opt/acme/policy.toml"), none()).location())
                .isEqualTo(Path.of("/opt/acme/policy.toml"));
    }

    @Test
    void noFileAtTheDefaultLocationMeansTheBuiltInDefaults() {
        assertThat(new PolicyFile(Map.of(), none()).load()).isEqualTo(Policy.defaults());
    }

    @Test
    void aMissingFileNamedByCliauthPolicyIsAnErrorNotTheDefaults() {
        PolicyFile policyFile = new PolicyFile(Map.of("CLIAUTH_POLICY", "/opt/acme/policy.toml"), none());
        CliauthException e = catchThrowableOfType(CliauthException.class, policyFile::load);
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo("Policy file /opt/acme/policy.toml (from CLIAUTH_POLICY) does not exist;"
                + " fix CLIAUTH_POLICY or unset it to use /etc/cliauth/policy.toml.");
    }

    @Test
    void aPolicyRecordsTheFileItCameFrom() {
        PolicyFile policyFile = new PolicyFile(Map.of(), file -> file.equals(DEFAULT)
                ? Optional.of("device_flow = \"never\"\n") : Optional.empty());
        assertThat(policyFile.load())
                .isEqualTo(new Policy(DeviceFlowRule.NEVER, List.of(), Optional.empty(), Optional.of(DEFAULT)));
    }

    @Test
    void readsTheRealFileThroughASymbolicLinkAsConfigurationManagementPlacesIt() throws Exception {
        Path real = Files.writeString(dir.resolve("real.toml"), "allowed_issuers = [\"https://id.example.com\"]\n");
        Path link = Files.createSymbolicLink(dir.resolve("policy.toml"), real);

        Policy policy = new PolicyFile(Map.of("CLIAUTH_POLICY", link.toString())).load();

        assertThat(policy.allowedIssuers()).containsExactly("https://id.example.com");
        assertThat(policy.source()).contains(link);
    }

    @Test
    void anUnreadableFileIsAConfigurationErrorNamingIt() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("policy.toml"));
        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> new PolicyFile(Map.of("CLIAUTH_POLICY", directory.toString())).load());
        assertThat(e.failure()).isEqualTo(Failure.CONFIGURATION);
        assertThat(e.getMessage()).startsWith("Policy file " + directory + ": cannot read it: ").doesNotContain("\n");
    }

    @Test
    void aFileThatIsNotUtf8IsRejected() throws Exception {
        Path file = Files.write(dir.resolve("policy.toml"), new byte[] {'a', ' ', '=', ' ', '"', (byte) 0xff, '"'});
        CliauthException e = catchThrowableOfType(CliauthException.class,
                () -> new PolicyFile(Map.of("CLIAUTH_POLICY", file.toString())).load());
        assertThat(e.getMessage()).isEqualTo("Policy file " + file + ": cannot read it: it is not UTF-8 text.");
    }

    private static java.util.function.Function<Path, Optional<String>> none() {
        return file -> Optional.empty();
    }
}
