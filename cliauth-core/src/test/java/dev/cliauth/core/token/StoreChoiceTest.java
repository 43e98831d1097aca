package dev.cliauth.core.token;

import dev.cliauth.core.policy.DeviceFlowRule;
import dev.cliauth.core.policy.Policy;
import dev.cliauth.core.policy.TestPolicies;
import dev.cliauth.core.policy.TokenStorageRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one store choice both the full path and the fast path follow, from the policy and the environment alone. */
class StoreChoiceTest {
    static final Path ETC = Path.of("/etc/cliauth/policy.toml");
    static final Optional<Path> SECRET_TOOL = Optional.of(Path.of("/usr/bin/secret-tool"));

    @TempDir
    Path dir;

    private static Policy storage(TokenStorageRule rule) {
        return TestPolicies.administrator(ETC, DeviceFlowRule.EXPLICIT, List.of(), rule, false);
    }

    @Test
    void thePolicysFileRuleMeansFilesWhateverTheEnvironment() {
        StoreChoice choice = StoreChoice.decide(storage(TokenStorageRule.FILE), Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/x"), "Linux", SECRET_TOOL);
        assertThat(choice).isInstanceOfSatisfying(StoreChoice.Files.class, files -> {
            assertThat(files.note()).contains("token_storage = \"file\"").contains(ETC.toString());
            assertThat(files.fallback()).isFalse();
        });
    }

    @Test
    void noSessionBusMeansFilesQuietlyAndAStaleOneMeansAFallbackWorthAWord() {
        assertThat(StoreChoice.decide(Policy.defaults(), Map.of(), "Linux", SECRET_TOOL))
                .isEqualTo(new StoreChoice.Files("no keychain: DBUS_SESSION_BUS_ADDRESS is not set", false));
        StoreChoice stale = StoreChoice.decide(Policy.defaults(), Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + dir.resolve("gone")), "Linux", SECRET_TOOL);
        assertThat(stale).isInstanceOfSatisfying(StoreChoice.Files.class, files -> assertThat(files.fallback()).isTrue());
        StoreChoice off = StoreChoice.decide(Policy.defaults(), Map.of("CLIAUTH_KEYCHAIN", "off", "DBUS_SESSION_BUS_ADDRESS", "unix:path=/x"), "Linux", SECRET_TOOL);
        assertThat(off).isInstanceOfSatisfying(StoreChoice.Files.class, files -> assertThat(files.fallback()).isFalse());
    }

    @Test
    void aRequiredKeychainThatCannotAnswerIsRefusedNotReplacedByAFile() {
        assertThat(StoreChoice.decide(storage(TokenStorageRule.KEYCHAIN), Map.of(), "Linux", SECRET_TOOL))
                .isInstanceOfSatisfying(StoreChoice.Refused.class, r -> assertThat(r.message()).contains("token_storage = \"keychain\"").contains(ETC.toString()));
        assertThat(StoreChoice.decide(Policy.defaults(), Map.of("CLIAUTH_KEYCHAIN", "required"), "Linux", SECRET_TOOL))
                .isInstanceOfSatisfying(StoreChoice.Refused.class, r -> assertThat(r.message()).startsWith("CLIAUTH_KEYCHAIN=required"));
        assertThat(StoreChoice.unanswered(Policy.defaults(), Map.of(), true, "locked")).isInstanceOf(StoreChoice.Refused.class);
        assertThat(StoreChoice.unanswered(Policy.defaults(), Map.of(), false, "locked")).isEqualTo(new StoreChoice.Files("no keychain: locked", true));
    }

    @Test
    void aLiveBusOnLinuxUsesSecretToolWhereThereIsOneElseJavaKeyring() throws Exception {
        Path bus = Files.createFile(dir.resolve("bus"));
        Map<String, String> env = Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + bus);
        assertThat(StoreChoice.decide(Policy.defaults(), env, "Linux", SECRET_TOOL)).isEqualTo(new StoreChoice.SecretTool(SECRET_TOOL.get(), false));
        assertThat(StoreChoice.decide(Policy.defaults(), env, "Linux", Optional.empty())).isEqualTo(new StoreChoice.JavaKeyring(false));
        assertThat(StoreChoice.decide(storage(TokenStorageRule.KEYCHAIN), Map.of(), "Mac OS X", SECRET_TOOL)).isEqualTo(new StoreChoice.JavaKeyring(true));
    }
}
