package dev.cliauth.cli.devidp;

import dev.cliauth.cli.devidp.DevIdpStatus.Running;
import dev.cliauth.cli.devidp.DevIdpStatus.Stopped;
import dev.cliauth.cli.devidp.DevIdpStatus.Unhealthy;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The dev IdP: a Keycloak on {@code 127.0.0.1} with two realms, {@code open} and {@code strict}, that lets anyone
 * try cliauth (and the end-to-end tests exercise it) against a real OpenID provider with nothing to set up.
 *
 * <p>Keycloak runs detached from the cliauth process that started it (its own session, stdin from
 * {@code /dev/null}, output appended to {@link #logFile()}), so it outlives that process and ignores a Ctrl-C in
 * its terminal; later cliauth processes find it through {@code instance.properties} in {@link #home()}. Every fresh
 * start wipes Keycloak's database and re-imports the realm files shipped in {@code /dev-idp/}, so the IdP always
 * starts in the same, known state.
 */
public final class DevIdp {

    public static final String KEYCLOAK_VERSION = "26.7.3";
    public static final int DEFAULT_PORT = 8180;
    /** The environment variable the CLI reads to choose another port. */
    public static final String PORT_ENV = "CLIAUTH_DEV_IDP_PORT";

    public static final String OPEN_REALM = "open";
    public static final String STRICT_REALM = "strict";
    /** Public client of the {@code open} realm: PKCE S256, loopback redirect on any port, device flow, consent. */
    public static final String CLIENT_ID = "cliauth";
    /** Public client of the {@code strict} realm: PKCE S256, loopback redirect, device flow blocked. */
    public static final String STRICT_CLIENT_ID = "cliauth-strict";
    /** Confidential client of the {@code open} realm: client credentials and token exchange. */
    public static final String CI_CLIENT_ID = "cliauth-ci";
    /** A published, dev-only secret. */
    public static final String CI_CLIENT_SECRET = "cliauth-ci-secret";
    /** A user of both realms who grants consent. */
    public static final String DEMO_USERNAME = "demo";
    public static final String DEMO_PASSWORD = "demo";
    /** A user of the {@code open} realm whom tests use to deny consent. */
    public static final String DENYING_USERNAME = "bob";
    public static final String DENYING_PASSWORD = "bob";
    /** Keycloak's bootstrap admin (master realm), e.g. to delete a remembered consent through the admin API. */
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    static final List<String> REALM_RESOURCES = List.of("open-realm.json", "strict-realm.json");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** Keycloak's first start of a fresh unpack runs a build step; this marker says that it happened. */
    private static final String BUILT_MARKER = ".cliauth-built";
    private static final List<String> PASSED_ENV = List.of("PATH", "HOME", "USER", "JAVA_HOME", "LANG", "LC_ALL", "TZ", "TMPDIR");

    private final Path home;
    private final int port;
    private final Map<String, String> env;
    private final Consumer<String> progress;
    private final Clock clock;
    private final HttpClient http;
    private final KeycloakDistribution distribution;

    /**
     * @param home     the dev IdP's own directory (Keycloak, its data, log and instance record), created on start
     * @param port     the loopback port Keycloak listens on
     * @param env      the environment: {@code HOME} (local Maven repository), {@code PATH}, {@code JAVA_HOME},
     *                 {@code CLIAUTH_MAVEN_REPOSITORY}; only an allow-list of it reaches Keycloak
     * @param progress receives one-line progress messages for the user
     * @param clock    times the start-up deadline and stamps the instance record
     */
    public DevIdp(Path home, int port, Map<String, String> env, Consumer<String> progress, Clock clock) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.home = home.toAbsolutePath();
        this.port = port;
        this.env = Map.copyOf(env);
        this.progress = progress;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.distribution = new KeycloakDistribution(this.home, this.env, progress, http);
    }

    public Path home() {
        return home;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return home.resolve("keycloak.log");
    }

    Path instanceFile() {
        return home.resolve("instance.properties");
    }

    public URI openIssuer() {
        return issuer(port, OPEN_REALM);
    }

    public URI strictIssuer() {
        return issuer(port, STRICT_REALM);
    }

    static URI issuer(int port, String realm) {
        return URI.create("http://127.0.0.1:" + port + "/realms/" + realm);
    }

    /** Reads the instance record and probes the process and the {@code open} realm's discovery; changes nothing. */
    public DevIdpStatus status() {
        Optional<InstanceRecord> record = InstanceRecord.read(instanceFile());
        if (record.isEmpty() || record.get().liveProcess().isEmpty()) {
            return new Stopped();
        }
        InstanceRecord r = record.get();
        return discoveryAnswers(r.port(), OPEN_REALM) ? running(r.pid(), r.port()) : new Unhealthy(r.pid(), r.port(), logFile());
    }

    /**
     * Starts the dev IdP unless it runs already (then returns it untouched), and waits until both realms answer.
     * Concurrent callers are serialised by a file lock: the second one waits and then finds it running.
     *
     * @throws DevIdpException with a one-line, actionable message when it cannot be started within
     *                         {@code readyTimeout}
     */
    public Running start(Duration readyTimeout) {
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new DevIdpException("Cannot create the dev IdP directory " + home + ": " + e.getMessage(), e);
        }
        Path lockFile = home.resolve("lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lock(channel); // released when the channel closes
            return startLocked(readyTimeout);
        } catch (IOException e) {
            throw new DevIdpException("Cannot start the dev IdP in " + home + ": " + e.getMessage(), e);
        }
    }

    private Running startLocked(Duration readyTimeout) throws IOException {
        DevIdpStatus current = status();
        if (current instanceof Running running) {
            return running;
        }
        Optional<ProcessHandle> starting = current instanceof Unhealthy u ? ProcessHandle.of(u.pid()) : Optional.empty();
        if (starting.isPresent()) {
            Unhealthy unhealthy = (Unhealthy) current;
            progress.accept("Keycloak (pid " + unhealthy.pid() + ") is still starting; waiting for it…");
            try {
                return awaitReady(starting.get(), null, unhealthy.port(), readyTimeout);
            } catch (DevIdpException e) {
                throw new DevIdpException(e.getMessage() + "; `cliauth dev-idp stop` stops it", e);
            }
        }
        return startFresh(readyTimeout);
    }

    private void lock(FileChannel channel) throws IOException {
        if (channel.tryLock() == null) {
            progress.accept("Another cliauth is starting the dev IdP; waiting for it…");
            channel.lock();
        }
    }

    private Running startFresh(Duration readyTimeout) throws IOException {
        if (portInUse(port)) {
            throw new DevIdpException("Port " + port + " on 127.0.0.1 is already in use by another program; stop it, or "
                    + "choose another port for the dev IdP with " + PORT_ENV + "=<port>");
        }
        Path keycloak = distribution.ensureUnpacked();
        resetInstanceData(keycloak);
        boolean built = Files.exists(keycloak.resolve(BUILT_MARKER));
        progress.accept("Starting Keycloak on http://127.0.0.1:" + port
                + (built ? " (~20 s)…" : " (first start builds it: ~1–2 min)…"));
        Process process = launch(keycloak);
        InstanceRecord.of(process.toHandle(), port, clock.instant()).write(instanceFile());
        try {
            Running running = awaitReady(process.toHandle(), process, port, readyTimeout);
            Files.writeString(keycloak.resolve(BUILT_MARKER), "");
            return running;
        } catch (RuntimeException e) {
            if (process.isAlive()) {
                stop();
            } else {
                Files.deleteIfExists(instanceFile());
            }
            throw e;
        }
    }

    /** Wipes the database and the previous import, and puts the shipped realm files in {@code data/import}. */
    private static void resetInstanceData(Path keycloak) throws IOException {
        Path data = keycloak.resolve("data");
        KeycloakDistribution.deleteTree(data.resolve("h2"));
        Path imports = data.resolve("import");
        KeycloakDistribution.deleteTree(imports);
        Files.createDirectories(imports);
        for (String name : REALM_RESOURCES) {
            try (InputStream in = DevIdp.class.getResourceAsStream("/dev-idp/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource /dev-idp/" + name);
                }
                Files.copy(in, imports.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private Process launch(Path keycloak) throws IOException {
        List<String> command = new ArrayList<>();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        findOnPath("setsid", path).ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(List.of(keycloak.resolve("bin/kc.sh").toString(), "start-dev", "--http-host=127.0.0.1",
                "--http-port=" + port, "--import-realm"));
        Files.writeString(logFile(), "==== cliauth: " + String.join(" ", command) + " at " + clock.instant() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(keycloak.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .redirectErrorStream(true);
        Map<String, String> childEnv = builder.environment();
        childEnv.clear(); // keep the user's KC_* and JAVA_OPTS, meant for their own Keycloak, away from this one
        for (String name : PASSED_ENV) {
            if (env.containsKey(name)) {
                childEnv.put(name, env.get(name));
            }
        }
        childEnv.put("PATH", path);
        childEnv.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        childEnv.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return builder.start();
    }

    private Running awaitReady(ProcessHandle handle, Process process, int port, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            if (discoveryAnswers(port, OPEN_REALM) && discoveryAnswers(port, STRICT_REALM)) {
                return running(handle.pid(), port);
            }
            if (process != null ? !process.isAlive() : !handle.isAlive()) {
                String exit = process == null ? "" : " with exit code " + process.exitValue();
                throw new DevIdpException("Keycloak exited during start-up" + exit + "; see " + logFile());
            }
            if (clock.instant().isAfter(deadline)) {
                throw new DevIdpException("Keycloak did not answer on http://127.0.0.1:" + port + " within "
                        + timeout.toSeconds() + " s; see " + logFile());
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevIdpException("Interrupted while waiting for Keycloak; `cliauth dev-idp stop` stops it", e);
            }
        }
    }

    /**
     * Stops the recorded Keycloak (its child processes first, as the launcher script would otherwise leave the JVM
     * behind), gracefully, then forcibly after 20 s, and removes the instance record.
     *
     * @return false when nothing was running (a stale record is removed too)
     */
    public boolean stop() {
        Optional<ProcessHandle> process = InstanceRecord.read(instanceFile()).flatMap(InstanceRecord::liveProcess);
        if (process.isPresent()) {
            ProcessHandle root = process.get();
            progress.accept("Stopping Keycloak (pid " + root.pid() + ")…");
            List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
            tree.add(root);
            tree.forEach(ProcessHandle::destroy);
            if (!awaitExit(tree, STOP_GRACE)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                awaitExit(tree, Duration.ofSeconds(5));
            }
        }
        try {
            Files.deleteIfExists(instanceFile());
        } catch (IOException e) {
            throw new DevIdpException("Cannot remove " + instanceFile() + ": " + e.getMessage(), e);
        }
        return process.isPresent();
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean discoveryAnswers(int port, String realm) {
        URI uri = URI.create(issuer(port, realm) + "/.well-known/openid-configuration");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean portInUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> findOnPath(String program, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Running running(long pid, int port) {
        return new Running(pid, port, issuer(port, OPEN_REALM), issuer(port, STRICT_REALM));
    }
}
