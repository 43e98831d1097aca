package dev.cliauth.cli.fast;

import com.sun.net.httpserver.HttpServer;
import dev.cliauth.cli.App;
import dev.cliauth.cli.Main;
import dev.cliauth.core.io.PrivateFiles;
import dev.cliauth.core.token.FileTokenStore;
import dev.cliauth.core.token.ProfileLocks;
import dev.cliauth.core.token.Session;
import dev.cliauth.core.token.TokenSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session that needs a refresh: the fast path takes the profile's lock where the full path would, so a call that
 * arrives during another process's refresh is answered from the store afterwards without the full CLI, and the call
 * that finds it stale runs the full CLI holding the lock (which the full path then takes again).
 */
class FastTokenWaitsForARefreshInProgressTest {
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path home;

    final Map<String, String> env = new HashMap<>();
    final PrivateFiles files = new PrivateFiles();
    FileTokenStore sessions;
    Path stateDir;
    HttpServer provider;
    final AtomicInteger refreshes = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        stateDir = home.resolve("state/cliauth");
        env.put("HOME", home.toString());
        env.put("PATH", "/usr/bin:/bin");
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("CLIAUTH_POLICY", Files.writeString(home.resolve("policy.toml"), "").toString());
        sessions = new FileTokenStore(stateDir, files);
        new dev.cliauth.core.config.ProfileStore(home.resolve("config/cliauth"), files)
                .save(dev.cliauth.core.config.Profile.of("p", URI.create("https://id.example.com"), "cli"));
        provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/token", exchange -> {
            byte[] body = ("{\"access_token\":\"at-refreshed-" + refreshes.incrementAndGet()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"rt-2\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    private Session session(String accessToken, Instant expiresAt) {
        URI endpoint = URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/token");
        TokenSet tokens = new TokenSet(accessToken, "Bearer", Optional.of(expiresAt), Optional.of("rt-1"), Optional.empty(), Optional.empty());
        return new Session("p", URI.create("https://id.example.com"), "cli", endpoint, Optional.empty(), Optional.empty(),
                "authorization_code+pkce", NOW.minusSeconds(7200), Optional.empty(), tokens);
    }

    @Test
    void aCallArrivingDuringAnotherRefreshWaitsAndIsAnsweredFromTheStore() throws Exception {
        sessions.save(session("at-expired", NOW.minusSeconds(60)));
        ProfileLocks otherProcess = new ProfileLocks(stateDir, files, Clock.systemUTC(), dev.cliauth.core.flow.Sleeper.system(),
                Duration.ofSeconds(30));
        CountDownLatch refreshing = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Void> refresher = CompletableFuture.runAsync(() -> otherProcess.withLock("p", () -> {
            refreshing.countDown();
            try {
                assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            sessions.save(session("at-from-the-other-refresh", NOW.plusSeconds(3600)));
            return null;
        }));
        assertThat(refreshing.await(30, TimeUnit.SECONDS)).isTrue();

        // this call's locks tell when it has found the lock held and started to wait
        ProfileLocks ours = new ProfileLocks(stateDir, files, Clock.systemUTC(), duration -> {
            waiting.countDown();
            dev.cliauth.core.flow.Sleeper.system().sleep(duration); // the lock's real poll interval, as in production
        }, Duration.ofSeconds(30));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger fullPathRuns = new AtomicInteger();
        FastToken.Result result = new FastToken(env, CLOCK, System.getProperty("os.name", ""), () -> ours, java.util.List.of())
                .run(new String[] {"token", "-p", "p"}, new PrintStream(out, true, StandardCharsets.UTF_8), fullPathRuns::incrementAndGet);
        refresher.get(30, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(new FastToken.Result(true, 0));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("at-from-the-other-refresh" + System.lineSeparator());
        assertThat(fullPathRuns).hasValue(0);
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void theCallThatFindsItStaleRunsTheFullPathHoldingTheLock() {
        sessions.save(session("at-expired", NOW.minusSeconds(60)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        App app = new App(env, new PrintWriter(out, true), new PrintWriter(err, true), CLOCK, false, java.util.List.of());
        String[] args = {"token", "--profile", "p"};
        boolean[] lockHeldMeanwhile = {false};

        FastToken.Result result = new FastToken(env, CLOCK, System.getProperty("os.name", ""), app::locks, java.util.List.of())
                .run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), () -> {
                    lockHeldMeanwhile[0] = heldInThisProcess(stateDir.resolve("locks/p.lock"));
                    return Main.run(app, args);
                });

        assertThat(result).as(err.toString()).isEqualTo(new FastToken.Result(false, 0));
        assertThat(lockHeldMeanwhile[0]).isTrue();
        assertThat(out.toString()).isEqualTo("at-refreshed-1" + System.lineSeparator());
        assertThat(sessions.load("p").orElseThrow().tokens().accessToken()).isEqualTo("at-refreshed-1");
        assertThat(refreshes).hasValue(1);
    }

    private static boolean heldInThisProcess(Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            channel.tryLock().release();
            return false;
        } catch (OverlappingFileLockException held) {
            return true;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
