package dev.cliauth.core.api;

import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.FollowingBrowser;
import dev.cliauth.core.testing.TestClock;
import dev.cliauth.core.token.MemoryTokenStore;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The library's one call, through its whole life: login, the cached token, a refresh, logout, and a login again. */
class AccessTokenSignsInOnceThenCachesRefreshesAndLogsOutTest {
    @TempDir
    Path home;

    final TestClock clock = new TestClock(Instant.now());
    final FollowingBrowser browser = new FollowingBrowser();
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private CliAuth.Builder builder(FakeProvider provider) {
        return CliAuth.builder().issuer(provider.issuer()).clientId(FakeProvider.CLIENT_ID).profile("acme")
                .environment(Map.of("HOME", home.toString(), "DISPLAY", ":0")).clock(clock).terminal(lines::add).browser(browser)
                .timeout(Duration.ofSeconds(20));
    }

    @Test
    void theWholeLife() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            CliAuth auth = builder(provider).build();

            String first = auth.accessToken();
            assertThat(browser.opened).hasSize(1);
            assertThat(provider.requestsTo("/token")).extracting(r -> r.param("grant_type")).containsExactly("authorization_code");
            assertThat(lines).anyMatch(line -> line.startsWith("Signed in as alice to " + provider.issuer() + " (profile acme; stored in file "));
            Path sessionFile = home.resolve(".local/state/cliauth/sessions/acme.json");
            assertThat(sessionFile).exists();
            assertThat(String.join("\n", lines)).doesNotContain(first);

            // the cached token: no request, no browser, in this object and in the program's next run
            assertThat(auth.accessToken()).isEqualTo(first);
            assertThat(builder(provider).build().accessToken()).isEqualTo(first);
            assertThat(provider.requestsTo("/token")).hasSize(1);
            assertThat(browser.opened).hasSize(1);

            // expired: refreshed with the stored refresh token, and the rotated one stored
            clock.advance(Duration.ofMinutes(10));
            Session refreshed = auth.session();
            assertThat(refreshed.tokens().accessToken()).isNotEqualTo(first);
            assertThat(refreshed.subject()).contains(FakeProvider.SUBJECT);
            assertThat(refreshed.username()).contains("alice");
            assertThat(refreshed.refreshedAt()).contains(clock.instant());
            assertThat(provider.requestsTo("/token")).extracting(r -> r.param("grant_type")).containsExactly("authorization_code", "refresh_token");
            assertThat(browser.opened).hasSize(1);
            assertThat(auth.accessToken()).isEqualTo(refreshed.tokens().accessToken());

            // logout: the refresh token revoked at the provider, the session gone here
            auth.logout();
            assertThat(provider.requestsTo("/revoke")).extracting(r -> r.param("token")).containsExactly(refreshed.tokens().refreshToken().orElseThrow());
            assertThat(lines).contains("Signed out (profile acme): revoked at the provider and removed here.");
            assertThat(sessionFile).doesNotExist();
            auth.logout();
            assertThat(lines).contains("Not signed in (profile acme); nothing to remove.");

            // the next call signs in again
            String second = auth.accessToken();
            assertThat(second).isNotIn(first, refreshed.tokens().accessToken());
            assertThat(browser.opened).hasSize(2);
        }
    }

    @Test
    void aSessionTheProviderEndedLeadsToANewLogin() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            CliAuth auth = builder(provider).build();
            String first = auth.accessToken();
            provider.refreshError = "invalid_grant";
            clock.advance(Duration.ofMinutes(10));

            String second = auth.accessToken();

            assertThat(second).isNotEqualTo(first);
            assertThat(provider.requestsTo("/token")).extracting(r -> r.param("grant_type"))
                    .containsExactly("authorization_code", "refresh_token", "authorization_code");
            assertThat(browser.opened).hasSize(2);
        }
    }

    @Test
    void inMemoryNothingIsKeptForTheNextRun() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            CliAuth auth = builder(provider).store(TokenStorage.MEMORY).build();
            String first = auth.accessToken();
            assertThat(auth.accessToken()).isEqualTo(first);
            assertThat(home.resolve(".local/state/cliauth/sessions")).doesNotExist();
            assertThat(lines).anyMatch(line -> line.contains("stored in memory (this process only)"));

            assertThat(builder(provider).store(TokenStorage.MEMORY).build().accessToken()).isNotEqualTo(first);
            assertThat(browser.opened).hasSize(2);
        }
    }

    @Test
    void theProgramsOwnStoreIsUsedAndNotReadOnEveryCall() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            AtomicInteger loads = new AtomicInteger();
            MemoryTokenStore memory = new MemoryTokenStore();
            TokenStore counting = new TokenStore() {
                @Override
                public Optional<Session> load(String profile) {
                    loads.incrementAndGet();
                    return memory.load(profile);
                }

                @Override
                public void save(Session session) {
                    memory.save(session);
                }

                @Override
                public boolean delete(String profile) {
                    return memory.delete(profile);
                }

                @Override
                public String describe(String profile) {
                    return "the program's own store";
                }
            };
            CliAuth auth = builder(provider).store(counting).build();
            String token = auth.accessToken();
            assertThat(memory.load("acme")).isPresent();
            assertThat(lines).anyMatch(line -> line.contains("stored in the program's own store"));
            int afterLogin = loads.get();

            for (int i = 0; i < 10; i++) {
                assertThat(auth.accessToken()).isEqualTo(token);
            }
            assertThat(loads.get()).isEqualTo(afterLogin);

            // with less than a minute left the store is read again (another process may have refreshed) ...
            clock.advance(Duration.ofSeconds(250));
            assertThat(auth.accessToken()).isEqualTo(token);
            assertThat(loads.get()).isGreaterThan(afterLogin);
            assertThat(provider.requestsTo("/token")).hasSize(1);
            // ... and in its last tenth (30 s of 300) the token is refreshed
            clock.advance(Duration.ofSeconds(25));
            assertThat(auth.accessToken()).isNotEqualTo(token);
            assertThat(provider.requestsTo("/token")).extracting(r -> r.param("grant_type")).containsExactly("authorization_code", "refresh_token");
        }
    }

    @Test
    void concurrentCallsSignInOnce() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            CliAuth auth = builder(provider).build();
            List<String> tokens = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                threads.add(new Thread(() -> tokens.add(auth.accessToken())));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(tokens).hasSize(4).containsOnly(tokens.get(0));
            assertThat(browser.opened).hasSize(1);
        }
    }
}
