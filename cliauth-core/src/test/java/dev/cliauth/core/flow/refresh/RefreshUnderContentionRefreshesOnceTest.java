package dev.cliauth.core.flow.refresh;

import dev.cliauth.core.flow.Sleeper;
import dev.cliauth.core.flow.token.GetToken;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.oauth.TokenClient;
import dev.cliauth.core.testing.FakeProvider;
import dev.cliauth.core.testing.Fixtures;
import dev.cliauth.core.token.FileTokenStore;
import dev.cliauth.core.token.ProfileLocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 32 threads, each wired like a separate process (its own store, lock set and client), ask for the token of a
 * session whose access token has expired, against a provider that rotates refresh tokens and rejects reuse.
 */
class RefreshUnderContentionRefreshesOnceTest {
    @TempDir
    Path dir;

    @Test
    void exactlyOneRefreshReachesTheProviderAndEveryoneGetsItsToken() throws Exception {
        try (FakeProvider provider = new FakeProvider()) {
            Fixtures f = new Fixtures(dir);
            f.tokens.save(GetTokenRefreshesWhenExpiredTest.session(provider, provider.issueRefreshToken()));
            Clock later = Clock.fixed(GetTokenRefreshesWhenExpiredTest.LOGIN.plusSeconds(600), ZoneOffset.UTC);
            int callers = 32;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                tokens.add(pool.submit(() -> {
                    Fixtures own = new Fixtures(dir); // its own store, lock set and client, as another process has
                    GetToken service = own.getToken(later, Sleeper.system());
                    start.await();
                    return service.get(GetToken.Request.of(Fixtures.profile(provider), "test")).tokens().accessToken();
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> token : tokens) {
                results.add(token.get());
            }
            pool.shutdown();

            assertThat(provider.requestsTo("/token")).hasSize(1);
            assertThat(results).hasSize(callers).containsOnly(results.get(0));
            assertThat(results.get(0)).startsWith("at-");
            // and the rotated refresh token that was stored still works
            Clock muchLater = Clock.fixed(GetTokenRefreshesWhenExpiredTest.LOGIN.plusSeconds(3600), ZoneOffset.UTC);
            String next = f.current(muchLater, Fixtures.profile(provider)).tokens().accessToken();
            assertThat(next).isNotEqualTo(results.get(0));
            assertThat(provider.requestsTo("/token")).hasSize(2);
        }
    }
}
