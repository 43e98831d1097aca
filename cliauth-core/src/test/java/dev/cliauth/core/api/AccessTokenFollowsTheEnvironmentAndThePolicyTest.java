package dev.cliauth.core.api;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.flow.LineSource;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.FollowingBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The library decides as the cliauth command does: CI runners, the administrator's policy, --device. */
class AccessTokenFollowsTheEnvironmentAndThePolicyTest {
    @TempDir
    Path home;

    final FollowingBrowser browser = new FollowingBrowser();
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private CliAuth.Builder builder(FakeProvider provider, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "DISPLAY", ":0"));
        env.putAll(extraEnv);
        return CliAuth.builder().issuer(provider.issuer()).clientId(FakeProvider.CLIENT_ID)
                .environment(env).terminal(lines::add).browser(browser).timeout(Duration.ofSeconds(20));
    }

    private Map<String, String> policy(String toml) throws Exception {
        return Map.of("CLIAUTH_POLICY", Files.writeString(home.resolve("policy.toml"), toml).toString());
    }

    @Test
    void aCiRunnerGetsNoInteractiveLoginAndNothingIsSent() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            CliauthException e = catchThrowableOfType(CliauthException.class,
                    () -> builder(provider, Map.of("GITHUB_ACTIONS", "true")).build().accessToken());

            assertThat(e.failure()).isEqualTo(Failure.REFUSED);
            assertThat(e.getMessage()).contains("CI runner").contains("GitHub Actions").contains("workload identity");
            assertThat(provider.requests).isEmpty();
            assertThat(browser.opened).isEmpty();
        }
    }

    @Test
    void anIssuerThePolicyDoesNotAllowIsRefusedBeforeAnythingIsSent() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            CliauthException e = catchThrowableOfType(CliauthException.class,
                    () -> builder(provider, policy("allowed_issuers = [\"https://id.example.com\"]\n")).build().accessToken());

            assertThat(e.failure()).isEqualTo(Failure.REFUSED);
            assertThat(e.getMessage()).contains("allowed_issuers");
            assertThat(provider.requests).isEmpty();
        }
    }

    @Test
    void theDeviceFlowIsRefusedWherePolicySaysNever() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            CliauthException e = catchThrowableOfType(CliauthException.class,
                    () -> builder(provider, policy("device_flow = \"never\"\n")).device(true).build().accessToken());

            assertThat(e.failure()).isEqualTo(Failure.REFUSED);
            assertThat(e.getMessage()).contains("device_flow = \"never\"");
            assertThat(provider.requests).isEmpty();
        }
    }

    @Test
    void deviceAsksForTheDeviceFlowAndABlockingProviderGetsTheBrowserLogin() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            // the fake provider offers no device authorization endpoint: the flow is blocked, the login goes on
            String token = builder(provider, Map.of()).device(true).build().accessToken();

            assertThat(token).startsWith("at-");
            assertThat(lines).anyMatch(line -> line.startsWith("The provider does not allow the device flow for this client"));
            assertThat(browser.opened).hasSize(1);
        }
    }

    @Test
    void withoutTheBrowserTheUrlIsPrintedForThePersonToOpen() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            BlockingQueue<String> printed = new LinkedBlockingQueue<>();
            CliAuth auth = builder(provider, Map.of()).openBrowser(false).terminal(printed::add).pastedInput(LineSource.none()).build();
            FollowingBrowser person = new FollowingBrowser();
            Thread reader = new Thread(() -> {
                try {
                    while (true) {
                        String line = printed.take();
                        if (line.startsWith("  http")) {
                            person.open(URI.create(line.strip())); // the person reads the URL and opens it themselves
                            return;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            reader.setDaemon(true);
            reader.start();

            assertThat(auth.accessToken()).startsWith("at-");
            assertThat(browser.opened).isEmpty();
            assertThat(person.opened).hasSize(1);
        }
    }

    @Test
    void aPolicyThatRequiresTheKeychainRefusesFiles() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Map<String, String> keychainOnly = policy("token_storage = \"keychain\"\n");
            for (TokenStorage storage : List.of(TokenStorage.KEYCHAIN_ELSE_FILE, TokenStorage.FILE)) {
                CliauthException e = catchThrowableOfType(CliauthException.class,
                        () -> builder(provider, keychainOnly).store(storage).build().accessToken());
                assertThat(e.failure()).as(storage.name()).isEqualTo(Failure.REFUSED);
                assertThat(e.getMessage()).contains("token_storage = \"keychain\"");
            }
            assertThat(provider.requests).isEmpty();
            // memory keeps no token at rest: the policy has nothing against it
            assertThat(builder(provider, keychainOnly).store(TokenStorage.MEMORY).build().accessToken()).startsWith("at-");
        }
    }

    @Test
    void aPolicyThatSaysFileKeepsTheSessionInAFile() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            builder(provider, policy("token_storage = \"file\"\n")).build().accessToken();

            assertThat(home.resolve(".local/state/cliauth/sessions/default.json")).exists();
            assertThat(lines).anyMatch(line -> line.contains("token_storage = \"file\" in policy"));
        }
    }
}
