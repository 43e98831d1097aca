package dev.cliauth.cli.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakDistributionTest {

    private static final byte[] TARBALL = "not really a tarball, but bytes to download".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    private final List<String> progress = new ArrayList<>();
    private final Map<String, byte[]> served = new HashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer repository;

    @AfterEach
    void stopRepository() {
        if (repository != null) {
            repository.stop(0);
        }
    }

    private Path home() {
        return temp.resolve("dev-idp");
    }

    private Path userHome() {
        return temp.resolve("user-home");
    }

    /** A distribution whose Maven repository is a local fake serving {@link #served}, by path under /maven2/. */
    private KeycloakDistribution withRepository() throws IOException {
        repository = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        repository.createContext("/maven2/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath().substring("/maven2/".length()));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        repository.start();
        String base = "http://127.0.0.1:" + repository.getAddress().getPort() + "/maven2"; // no trailing slash
        return distribution(Map.of("HOME", userHome().toString(), KeycloakDistribution.REPOSITORY_ENV, base));
    }

    private KeycloakDistribution offline() {
        return distribution(Map.of("HOME", userHome().toString(),
                KeycloakDistribution.REPOSITORY_ENV, "http://127.0.0.1:1/unreachable/"));
    }

    private KeycloakDistribution distribution(Map<String, String> env) {
        return new KeycloakDistribution(home(), env, progress::add, HttpClient.newHttpClient());
    }

    private void serve(byte[] tarball, String sha1File) {
        served.put(KeycloakDistribution.ARTIFACT_PATH, tarball);
        served.put(KeycloakDistribution.ARTIFACT_PATH + ".sha1", sha1File.getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    private Path mavenCopy() {
        return userHome().resolve(".m2/repository").resolve(KeycloakDistribution.ARTIFACT_PATH);
    }

    private List<String> homeEntries() throws IOException {
        if (!Files.exists(home())) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(home())) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsOnceAndVerifiesSha1() throws Exception {
        KeycloakDistribution distribution = withRepository();
        serve(TARBALL, sha1(TARBALL).toUpperCase() + "  keycloak-quarkus-dist-26.7.3.tar.gz\n");

        Path tarball = distribution.ensureTarball();

        assertThat(tarball).hasParent(home()).hasBinaryContent(TARBALL);
        assertThat(progress).containsExactly("Downloading Keycloak 26.7.3 (176 MB) from 127.0.0.1, once…");
        int requestsSoFar = requests.get();
        assertThat(distribution.ensureTarball()).isEqualTo(tarball);
        assertThat(requests.get()).isEqualTo(requestsSoFar);
        assertThat(homeEntries()).containsExactly("keycloak-quarkus-dist-26.7.3.tar.gz");
    }

    @Test
    void sha1MismatchIsAnErrorAndLeavesNothing() throws Exception {
        KeycloakDistribution distribution = withRepository();
        serve(TARBALL, sha1("something else".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(distribution::ensureTarball)
                .isInstanceOf(DevIdpException.class)
                .hasMessageContaining("corrupt")
                .hasMessageContaining("SHA-1");
        assertThat(homeEntries()).isEmpty();
    }

    @Test
    void missingArtifactNamesStatusAndMirrorVariable() throws Exception {
        KeycloakDistribution distribution = withRepository();

        assertThatThrownBy(distribution::ensureTarball)
                .isInstanceOf(DevIdpException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining(KeycloakDistribution.REPOSITORY_ENV);
        assertThat(homeEntries()).isEmpty();
    }

    @Test
    void prefersLocalMavenRepository() throws IOException {
        Files.createDirectories(mavenCopy().getParent());
        Files.write(mavenCopy(), TARBALL);

        assertThat(offline().ensureTarball()).isEqualTo(mavenCopy());
        assertThat(progress).isEmpty();
    }

    @Test
    void unpacksOnceWithoutLeftovers() throws Exception {
        writeTarball(mavenCopy(), "keycloak-26.7.3/bin/kc.sh");
        Files.createDirectories(home().resolve(".unpack-interrupted/keycloak-26.7.3"));
        KeycloakDistribution distribution = offline();

        Path dir = distribution.ensureUnpacked();

        assertThat(dir).isEqualTo(home().resolve("keycloak-26.7.3"));
        assertThat(dir.resolve("bin/kc.sh")).isRegularFile();
        assertThat(homeEntries()).containsExactly("keycloak-26.7.3");
        Files.delete(mavenCopy()); // a second call must not need the tarball
        assertThat(distribution.ensureUnpacked()).isEqualTo(dir);
    }

    @Test
    void corruptTarballIsAnErrorAndLeavesNoHalfTree() throws IOException {
        Files.createDirectories(mavenCopy().getParent());
        Files.write(mavenCopy(), TARBALL);

        assertThatThrownBy(() -> offline().ensureUnpacked())
                .isInstanceOf(DevIdpException.class)
                .hasMessageContaining("Could not unpack")
                .hasMessageContaining(mavenCopy().toString());
        assertThat(homeEntries()).isEmpty();
    }

    @Test
    void tarballOfAnotherLayoutIsAnError() throws Exception {
        writeTarball(mavenCopy(), "something-else/bin/kc.sh");

        assertThatThrownBy(() -> offline().ensureUnpacked())
                .isInstanceOf(DevIdpException.class)
                .hasMessageContaining("keycloak-26.7.3/bin/kc.sh");
        assertThat(homeEntries()).isEmpty();
    }

    private void writeTarball(Path tarball, String file) throws Exception {
        Path tree = temp.resolve("tree");
        Files.createDirectories(tree.resolve(file).getParent());
        Files.writeString(tree.resolve(file), "#!/bin/sh\n");
        Files.createDirectories(tarball.getParent());
        Process tar = new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", tree.toString(), file.split("/")[0])
                .inheritIO().start();
        assertThat(tar.waitFor()).isZero();
    }
}
