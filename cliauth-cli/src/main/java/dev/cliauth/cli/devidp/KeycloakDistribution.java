package dev.cliauth.cli.devidp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Makes an unpacked Keycloak distribution available under the dev IdP's home, fetching it at most once.
 *
 * <p>The tarball comes from the local Maven repository when a build already fetched it, else from Maven Central
 * (or {@code CLIAUTH_MAVEN_REPOSITORY}), checked against the {@code .sha1} published next to it. Both the download
 * and the unpacking write to a temporary name first and rename at the end, so an interrupted cliauth never leaves
 * a file or a tree that a later run would mistake for a complete one.
 */
final class KeycloakDistribution {

    static final String VERSION = DevIdp.KEYCLOAK_VERSION;
    static final String DEFAULT_REPOSITORY = "https://repo1.maven.org/maven2/";
    static final String REPOSITORY_ENV = "CLIAUTH_MAVEN_REPOSITORY";
    static final String ARTIFACT_PATH = "org/keycloak/keycloak-quarkus-dist/" + VERSION
            + "/keycloak-quarkus-dist-" + VERSION + ".tar.gz";

    private final Path home;
    private final Map<String, String> env;
    private final Consumer<String> progress;
    private final HttpClient http;

    KeycloakDistribution(Path home, Map<String, String> env, Consumer<String> progress, HttpClient http) {
        this.home = home;
        this.env = env;
        this.progress = progress;
        this.http = http;
    }

    /** {@code home/keycloak-VERSION}, the directory that holds {@code bin/kc.sh} once unpacked. */
    Path directory() {
        return home.resolve("keycloak-" + VERSION);
    }

    /** The unpacked distribution, unpacking (and downloading) it first when needed. */
    Path ensureUnpacked() {
        Path dir = directory();
        if (Files.isRegularFile(dir.resolve("bin/kc.sh"))) {
            return dir;
        }
        Path tarball = ensureTarball();
        try {
            Files.createDirectories(home);
            deleteLeftoverUnpacks();
            Path temp = Files.createTempDirectory(home, ".unpack-");
            try {
                untar(tarball, temp);
                Path unpacked = temp.resolve("keycloak-" + VERSION);
                if (!Files.isRegularFile(unpacked.resolve("bin/kc.sh"))) {
                    throw new DevIdpException(tarball + " holds no keycloak-" + VERSION
                            + "/bin/kc.sh; delete it and run the command again");
                }
                deleteTree(dir);
                move(unpacked, dir);
            } finally {
                deleteTree(temp);
            }
        } catch (IOException e) {
            throw new DevIdpException("Could not unpack Keycloak into " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /** The distribution tarball: the local Maven repository's copy, an earlier download, or a new download. */
    Path ensureTarball() {
        Path fromMaven = localMavenRepository().resolve(ARTIFACT_PATH);
        if (Files.isRegularFile(fromMaven)) {
            return fromMaven;
        }
        Path downloaded = home.resolve(fromMaven.getFileName());
        if (Files.isRegularFile(downloaded)) {
            return downloaded;
        }
        download(downloaded);
        return downloaded;
    }

    private Path localMavenRepository() {
        String userHome = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(userHome, ".m2", "repository");
    }

    private URI artifactUri(String suffix) {
        String base = env.getOrDefault(REPOSITORY_ENV, DEFAULT_REPOSITORY);
        return URI.create((base.endsWith("/") ? base : base + "/") + ARTIFACT_PATH + suffix);
    }

    private void download(Path target) {
        URI tarballUri = artifactUri("");
        String expectedSha1 = fetchSha1(artifactUri(".sha1"));
        String source = env.containsKey(REPOSITORY_ENV) ? tarballUri.getHost() : "Maven Central";
        progress.accept("Downloading Keycloak " + VERSION + " (176 MB) from " + source + ", once…");
        Path temp = null;
        try {
            Files.createDirectories(home);
            temp = Files.createTempFile(home, ".download-", ".tmp");
            HttpResponse<InputStream> response = send(tarballUri, HttpResponse.BodyHandlers.ofInputStream());
            String actualSha1;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DevIdpException("Downloading " + tarballUri + " failed with HTTP " + response.statusCode()
                            + "; check the network or set " + REPOSITORY_ENV + " to a Maven repository mirror");
                }
                MessageDigest sha1 = sha1();
                try (InputStream in = new DigestInputStream(body, sha1); OutputStream out = Files.newOutputStream(temp)) {
                    in.transferTo(out);
                }
                actualSha1 = HexFormat.of().formatHex(sha1.digest());
            }
            if (!actualSha1.equals(expectedSha1)) {
                throw new DevIdpException("The download of " + tarballUri + " is corrupt (SHA-1 " + actualSha1
                        + ", expected " + expectedSha1 + "); run the command again");
            }
            move(temp, target);
        } catch (IOException e) {
            throw new DevIdpException("Downloading " + tarballUri + " failed: " + e.getMessage()
                    + "; check the network or set " + REPOSITORY_ENV + " to a Maven repository mirror", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless: its name never matches the tarball's
                }
            }
        }
    }

    private String fetchSha1(URI uri) {
        try {
            HttpResponse<String> response = send(uri, HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
            String[] words = response.body().trim().split("\\s+");
            if (response.statusCode() != 200 || !words[0].matches("[0-9a-fA-F]{40}")) {
                throw new DevIdpException("Could not read the checksum " + uri + " (HTTP " + response.statusCode()
                        + "); check the network or set " + REPOSITORY_ENV + " to a Maven repository mirror");
            }
            return words[0].toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new DevIdpException("Could not read the checksum " + uri + ": " + e.getMessage()
                    + "; check the network or set " + REPOSITORY_ENV + " to a Maven repository mirror", e);
        }
    }

    private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevIdpException("Interrupted while downloading " + uri, e);
        }
    }

    private static void untar(Path tarball, Path into) throws IOException {
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        String output;
        try (InputStream in = tar.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        int exit;
        try {
            exit = tar.waitFor();
        } catch (InterruptedException e) {
            tar.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DevIdpException("Interrupted while unpacking " + tarball, e);
        }
        if (exit != 0) {
            String firstLine = output.lines().findFirst().orElse("exit code " + exit);
            throw new DevIdpException("Could not unpack " + tarball + " (tar: " + firstLine
                    + "); delete it and run the command again");
        }
    }

    private void deleteLeftoverUnpacks() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(home, ".unpack-*")) {
            for (Path leftover : leftovers) {
                deleteTree(leftover);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
