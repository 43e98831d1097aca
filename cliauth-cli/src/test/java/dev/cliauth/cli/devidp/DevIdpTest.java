package dev.cliauth.cli.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.cliauth.cli.devidp.DevIdpStatus.Running;
import dev.cliauth.cli.devidp.DevIdpStatus.Stopped;
import dev.cliauth.cli.devidp.DevIdpStatus.Unhealthy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Everything about {@link DevIdp} that needs no Keycloak; the end-to-end tests start the real one. */
class DevIdpTest {

    @TempDir
    Path home;

    private final List<String> progress = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private HttpServer fakeKeycloak;

    @AfterEach
    void stopFake() {
        if (fakeKeycloak != null) {
            fakeKeycloak.stop(0);
        }
    }

    private DevIdp devIdp(int port) {
        // No real HOME: a test must never find the developer's Maven repository or download anything.
        return devIdp(port, clock);
    }

    private DevIdp devIdp(int port, Clock clock) {
        Map<String, String> env = Map.of("HOME", home.resolve("user-home").toString(),
                "CLIAUTH_MAVEN_REPOSITORY", "http://127.0.0.1:1/unreachable/",
                "PATH", "/usr/local/bin:/usr/bin:/bin",
                "KC_DB", "postgres");
        return new DevIdp(home, port, env, progress::add, clock);
    }

    /** An "unpacked" distribution whose kc.sh is the given script, so that start() runs without Keycloak. */
    private void fakeKeycloak(String script) throws IOException {
        Path kcSh = home.resolve("keycloak-" + DevIdp.KEYCLOAK_VERSION + "/bin/kc.sh");
        Files.createDirectories(kcSh.getParent());
        Files.writeString(kcSh, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(kcSh, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static InstanceRecord recordOfThisJvm(int port) {
        ProcessHandle self = ProcessHandle.current();
        return new InstanceRecord(self.pid(), port, Instant.EPOCH, self.info().startInstant().orElse(null));
    }

    private int startFakeDiscovery() throws IOException {
        fakeKeycloak = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fakeKeycloak.createContext("/realms/", exchange -> {
            boolean discovery = exchange.getRequestURI().getPath().endsWith("/.well-known/openid-configuration");
            byte[] body = "{}".getBytes();
            exchange.sendResponseHeaders(discovery ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fakeKeycloak.start();
        return fakeKeycloak.getAddress().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void issuersAndFilesFollowPortAndHome() {
        DevIdp idp = devIdp(8180);

        assertThat(idp.openIssuer()).isEqualTo(URI.create("http://127.0.0.1:8180/realms/open"));
        assertThat(idp.strictIssuer()).isEqualTo(URI.create("http://127.0.0.1:8180/realms/strict"));
        assertThat(idp.logFile()).isEqualTo(home.resolve("keycloak.log"));
        assertThat(idp.port()).isEqualTo(8180);
    }

    @Test
    void rejectsPortOutOfRange() {
        assertThatThrownBy(() -> devIdp(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> devIdp(65536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stoppedWithoutRecord() {
        assertThat(devIdp(8180).status()).isEqualTo(new Stopped());
    }

    @Test
    void staleRecordOfDeadProcessIsStopped() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        DevIdp idp = devIdp(8180);
        new InstanceRecord(exited.pid(), 8180, Instant.EPOCH, null).write(idp.instanceFile());

        assertThat(idp.status()).isEqualTo(new Stopped());
    }

    @Test
    void recordWhosePidWasReusedIsStopped() {
        DevIdp idp = devIdp(8180);
        ProcessHandle self = ProcessHandle.current();
        Instant otherStart = self.info().startInstant().orElseThrow().minus(Duration.ofDays(1));
        new InstanceRecord(self.pid(), 8180, Instant.EPOCH, otherStart).write(idp.instanceFile());

        assertThat(idp.status()).isEqualTo(new Stopped());
    }

    @Test
    void liveProcessWithoutDiscoveryIsUnhealthy() throws IOException {
        int port = freePort();
        DevIdp idp = devIdp(port);
        recordOfThisJvm(port).write(idp.instanceFile());

        assertThat(idp.status()).isEqualTo(new Unhealthy(ProcessHandle.current().pid(), port, idp.logFile()));
    }

    @Test
    void liveProcessWithDiscoveryIsRunningAndStartReturnsItUntouched() throws IOException {
        int port = startFakeDiscovery();
        DevIdp idp = devIdp(port);
        recordOfThisJvm(port).write(idp.instanceFile());
        String recordBefore = Files.readString(idp.instanceFile());
        Running expected = new Running(ProcessHandle.current().pid(), port,
                URI.create("http://127.0.0.1:" + port + "/realms/open"),
                URI.create("http://127.0.0.1:" + port + "/realms/strict"));

        assertThat(idp.status()).isEqualTo(expected);
        assertThat(idp.start(Duration.ofMinutes(5))).isEqualTo(expected);
        assertThat(Files.readString(idp.instanceFile())).isEqualTo(recordBefore);
        assertThat(home.resolve("keycloak-" + DevIdp.KEYCLOAK_VERSION)).doesNotExist();
        assertThat(progress).isEmpty();
    }

    @Test
    void startRefusesBusyPortNamingItAndTheVariable() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            DevIdp idp = devIdp(port);

            assertThatThrownBy(() -> idp.start(Duration.ofMinutes(5)))
                    .isInstanceOf(DevIdpException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining(DevIdp.PORT_ENV);
            assertThat(home.resolve("keycloak-" + DevIdp.KEYCLOAK_VERSION)).doesNotExist();
            assertThat(idp.instanceFile()).doesNotExist();
        }
    }

    @Test
    void stopWithoutRecordReturnsFalse() {
        DevIdp idp = devIdp(8180);

        assertThat(idp.stop()).isFalse();
        assertThat(idp.stop()).isFalse();
    }

    @Test
    void stopRemovesStaleRecordAndReturnsFalse() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        DevIdp idp = devIdp(8180);
        new InstanceRecord(exited.pid(), 8180, Instant.EPOCH, null).write(idp.instanceFile());

        assertThat(idp.stop()).isFalse();
        assertThat(idp.instanceFile()).doesNotExist();
        assertThat(progress).isEmpty();
    }

    @Test
    @Timeout(60)
    void stopEndsTheRecordedProcessTree() throws Exception {
        // A stand-in for kc.sh and its JVM: a shell whose child outlives it unless stopped too.
        Process shell = new ProcessBuilder("sh", "-c", "sleep 300 & wait").start();
        DevIdp idp = devIdp(8180);
        InstanceRecord.of(shell.toHandle(), 8180, clock.instant()).write(idp.instanceFile());
        List<ProcessHandle> children = awaitChildren(shell.toHandle());

        assertThat(idp.stop()).isTrue();

        assertThat(shell.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(idp.instanceFile()).doesNotExist();
        assertThat(progress).containsExactly("Stopping Keycloak (pid " + shell.pid() + ")…");
        assertThat(idp.stop()).isFalse();
    }

    /** The shell forks {@code sleep} right away; wait for it by watching, not by sleeping. */
    private static List<ProcessHandle> awaitChildren(ProcessHandle parent) {
        List<ProcessHandle> children = parent.children().toList();
        while (children.isEmpty()) {
            Thread.onSpinWait();
            children = parent.children().toList();
        }
        return children;
    }

    @Test
    void keycloakExitingEarlyIsAnErrorNamingTheLog() throws IOException {
        fakeKeycloak("echo \"fake kc.sh $* admin=$KC_BOOTSTRAP_ADMIN_USERNAME db=${KC_DB:-unset}\"; exit 3");
        int port = freePort();
        DevIdp idp = devIdp(port);
        Files.createDirectories(home.resolve("keycloak-" + DevIdp.KEYCLOAK_VERSION + "/data/h2"));

        assertThatThrownBy(() -> idp.start(Duration.ofMinutes(5)))
                .isInstanceOf(DevIdpException.class)
                .hasMessageContaining("exit code 3")
                .hasMessageContaining(idp.logFile().toString());

        assertThat(idp.instanceFile()).doesNotExist();
        assertThat(Files.readString(idp.logFile())).contains("fake kc.sh start-dev --http-host=127.0.0.1 --http-port="
                + port + " --import-realm admin=admin db=unset");
        Path data = home.resolve("keycloak-" + DevIdp.KEYCLOAK_VERSION + "/data");
        assertThat(data.resolve("h2")).doesNotExist();
        assertThat(data.resolve("import/open-realm.json")).isRegularFile();
        assertThat(data.resolve("import/strict-realm.json")).isRegularFile();
        assertThat(progress).singleElement().asString()
                .startsWith("Starting Keycloak on http://127.0.0.1:" + port + " (first start builds it");
    }

    @Test
    @Timeout(60)
    void keycloakNotAnsweringInTimeIsStoppedAndReported() throws IOException {
        fakeKeycloak("echo $$ > \"$(dirname \"$0\")/pid\"; exec sleep 300");
        int port = freePort();
        DevIdp idp = devIdp(port, Clock.systemUTC());

        assertThatThrownBy(() -> idp.start(Duration.ofSeconds(1)))
                .isInstanceOf(DevIdpException.class)
                .hasMessageContaining("did not answer on http://127.0.0.1:" + port + " within 1 s")
                .hasMessageContaining(idp.logFile().toString());

        long pid = Long.parseLong(Files.readString(
                home.resolve("keycloak-" + DevIdp.KEYCLOAK_VERSION + "/bin/pid")).trim());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(idp.instanceFile()).doesNotExist();
        assertThat(idp.status()).isEqualTo(new Stopped());
    }
}
