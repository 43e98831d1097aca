package dev.cliauth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.cliauth.it.LoginThroughTheBrowserIT.LOGIN_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release as people install it, on this machine: {@code bin/release} builds the tarball and the Debian package;
 * the tarball is unpacked into a temporary prefix (its launcher put on PATH through a symbolic link), the package is
 * installed with {@code dpkg -i}. Each then runs where no JDK and no Maven can be found — in a private mount namespace
 * over which {@code /usr/lib/jvm} and {@code /usr/share/maven} are empty, with {@code PATH} the system's alone — and
 * must: print its version, sign in to the dev IdP through the browser, print the token (with its AOT cache mapped:
 * {@code -XX:AOTMode=on} fails the JVM otherwise), answer kubectl as {@code command: cliauth} found on PATH, and git as
 * the helper named by name. {@code dpkg -r} then leaves no file of the package behind, only the user's own data. The
 * zip, for any OS with a Java 17+, is unzipped and run on this JDK through a link.
 * Needs root (or passwordless sudo) for dpkg and the mount namespace.
 */
class InstalledPackagesIT {
    static final Duration PACKAGING = Duration.ofMinutes(8);
    static final String PACKAGE = "cliauth";

    @TempDir
    static Path work;

    static String issuer;
    static Path dist;
    static Path noJdk;

    @BeforeAll
    static void release() throws Exception {
        issuer = DevIdpServer.openIssuer();
        removePackage(); // a run killed before its own dpkg -r
        dist = work.resolve("dist");
        // the jars this build made: bin/release without --skip-build would run Maven inside Maven
        Tool.Result release = new Tool(work).with("CLIAUTH_DIST", dist.toString())
                .run(PACKAGING, "", Cli.ROOT.resolve("bin/release").toString(), "--skip-build");
        assertThat(release.exitCode()).as(release.stderr()).isZero();
        Tool.Result sums = new Tool(dist).run(Duration.ofMinutes(1), "", "sha256sum", "--check", "--strict", "SHA256SUMS");
        assertThat(sums.exitCode()).as(sums.stdout() + sums.stderr()).isZero();
        assertThat(sums.stdout().lines()).hasSize(5).allMatch(line -> line.endsWith(": OK"));
        assertThat(Files.readString(dist.resolve("cliauth.rb"))).contains("sha256 \"" + sha256(only("cliauth-*.zip")) + "\"");
        assertThat(JSONObjectUtils.parse(Files.readString(dist.resolve("cliauth.json")))).containsEntry("hash", sha256(only("cliauth-*.zip")));

        Path empty = Files.createDirectories(work.resolve("empty"));
        noJdk = work.resolve("no-jdk");
        script(noJdk, "# Runs a command where no JDK and no Maven can be found: the directories they live in are empty in a private mount namespace.",
                "exec unshare --mount --propagation private sh -c 'for d in /usr/lib/jvm /usr/share/maven; do "
                        + "if [ -d \"$d\" ]; then mount --bind \"$0\" \"$d\" || exit 125; fi; done; exec \"$@\"' " + empty + " \"$@\"");
    }

    @AfterAll
    static void removeIfStillInstalled() throws Exception {
        removePackage();
    }

    @Test
    void theTarballRunsFromAnyPrefixThroughALinkWithoutAJdk() throws Exception {
        Path prefix = Files.createDirectories(work.resolve("prefix"));
        Tool.Result unpacked = new Tool(work).run(Duration.ofMinutes(2), "", "tar", "-C", prefix.toString(), "-xzf", only("*-linux-x64.tar.gz").toString());
        assertThat(unpacked.exitCode()).as(unpacked.stderr()).isZero();
        Path installation;
        try (Stream<Path> entries = Files.list(prefix)) {
            installation = entries.findFirst().orElseThrow();
        }
        assertThat(installation.resolve("share/man/man1/cliauth.1.gz")).isRegularFile();
        assertThat(installation.resolve("share/bash-completion/completions/cliauth")).isRegularFile();
        assertThat(installation.resolve("share/zsh/site-functions/_cliauth")).isRegularFile();
        Path links = Files.createDirectories(work.resolve("links"));
        Files.createSymbolicLink(links.resolve("cliauth"), installation.resolve("bin/cliauth"));

        exercise(work.resolve("tarball-home"), links + ":/usr/bin:/bin", installation.resolve("lib/runtime").toRealPath());
    }

    @Test
    void theZipRunsOnAJdkThroughALink() throws Exception {
        Path prefix = Files.createDirectories(work.resolve("zip"));
        Tool.Result unzipped = new Tool(work).run(Duration.ofMinutes(2), "", "unzip", "-q", only("cliauth-*.zip").toString(), "-d", prefix.toString());
        assertThat(unzipped.exitCode()).as(unzipped.stderr()).isZero();
        Path installation;
        try (Stream<Path> entries = Files.list(prefix)) {
            installation = entries.findFirst().orElseThrow();
        }
        assertThat(Files.readString(installation.resolve("bin/cliauth.cmd"))).contains("\r\n").contains("dev.cliauth.cli.Main");
        assertThat(installation.resolve("lib/cliauth-cli.jar")).isRegularFile();
        Path links = Files.createDirectories(work.resolve("zip-links"));
        Files.createSymbolicLink(links.resolve("cliauth"), installation.resolve("bin/cliauth"));
        Path home = work.resolve("zip-home");
        String token = LauncherThroughSymlinksIT.storeSession(home, "default");
        Path cache = home.resolve("cache");
        Tool shell = new Tool(home).with("PATH", links + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
                .with("XDG_CACHE_HOME", cache.toString());

        Tool.Result version = shell.run(LOGIN_WAIT, "", "sh", "-c", "cd / && cliauth --version");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).startsWith("cliauth ").contains("java:    " + System.getProperty("java.runtime.version"));
        Tool.Result printed = shell.run(LOGIN_WAIT, "", "sh", "-c", "cliauth token");
        assertThat(printed.exitCode()).as(printed.stderr()).isZero();
        assertThat(printed.stdout()).isEqualTo(token + "\n");
        // the first run made its class-data archive in the user's cache, not in the (perhaps read-only) installation
        try (Stream<Path> archives = Files.walk(cache.resolve("cliauth/cds"))) {
            assertThat(archives.filter(p -> p.toString().endsWith(".cds") || p.toString().endsWith(".aot"))).isNotEmpty();
        }
    }

    @Test
    void theDebianPackageInstallsRunsAndRemovesCleanly() throws Exception {
        Path deb = only("*.deb");
        Tool.Result contents = new Tool(work).run(Duration.ofMinutes(1), "", "dpkg-deb", "--contents", deb.toString());
        assertThat(contents.exitCode()).as(contents.stderr()).isZero();
        List<Path> shipped = new ArrayList<>();
        contents.stdout().lines().forEach(line -> {
            String path = line.substring(line.indexOf("./") + 1).replaceFirst(" -> .*$", "");
            if (!path.equals("/") && !line.startsWith("d")) {
                shipped.add(Path.of(path));
            }
        });
        assertThat(shipped).contains(Path.of("/usr/bin/cliauth"), Path.of("/usr/share/man/man1/cliauth.1.gz"),
                Path.of("/usr/share/bash-completion/completions/cliauth"), Path.of("/usr/share/zsh/vendor-completions/_cliauth"),
                Path.of("/usr/lib/cliauth/bin/cliauth"), Path.of("/usr/share/doc/cliauth/examples/policy.toml"));
        assertThat(contents.stdout()).contains("./etc/cliauth/");
        assertThat(shipped).noneMatch(p -> p.startsWith("/etc")); // the administrator's policy.toml is never the package's

        Path home = work.resolve("deb-home");
        try {
            root("dpkg", "-i", deb.toString());
            assertThat(Path.of("/etc/cliauth")).isDirectory();
            Tool.Result completion = new Tool(work).run(Duration.ofMinutes(1), "", "bash", "-c",
                    "source /usr/share/bash-completion/completions/cliauth && complete -p cliauth");
            assertThat(completion.stdout()).as(completion.stderr()).contains("_complete_cliauth");
            Tool.Result man = new Tool(work).run(Duration.ofMinutes(1), "", "sh", "-c", "gzip -dc /usr/share/man/man1/cliauth.1.gz");
            assertThat(man.stdout()).contains(".TH CLIAUTH").contains("COMMAND: TOKEN");

            exercise(home, "/usr/bin:/bin", Path.of("/usr/lib/cliauth/lib/runtime"));
        } finally {
            removePackage();
        }
        for (Path file : shipped) {
            assertThat(Files.exists(file, LinkOption.NOFOLLOW_LINKS)).as(file + " left behind").isFalse();
        }
        assertThat(Path.of("/usr/lib/cliauth")).doesNotExist();
        assertThat(Path.of("/etc/cliauth")).doesNotExist();
        assertThat(Path.of("/usr/share/doc/cliauth")).doesNotExist();
        Tool.Result status = new Tool(work).run(Duration.ofMinutes(1), "", "dpkg-query", "--show", "--showformat=${db:Status-Status}", PACKAGE);
        assertThat(status.exitCode() != 0 || status.stdout().equals("not-installed")).as(status.stdout()).isTrue();
        // what the person signed in with is theirs, and stays
        assertThat(home.resolve("config/cliauth/profiles/pkg.json")).isRegularFile();
        assertThat(home.resolve("state/cliauth/sessions/pkg.json")).isRegularFile();
    }

    /** The installation on {@code path} (a PATH), with no JDK: version, login, token, kubectl and git. */
    private static void exercise(Path home, String path, Path runtime) throws Exception {
        Path launcher = home.resolve("cliauth-by-name");
        Files.createDirectories(home);
        script(launcher, "# cliauth found on PATH, with no JDK anywhere", "exec " + noJdk + " cliauth \"$@\"");
        Cli cli = new Cli(home).launcher(launcher).with("PATH", path).without("JAVA_HOME");
        Tool shell = new Tool(home).with("PATH", path).without("JAVA_HOME");

        Tool.Result java = shell.run(LOGIN_WAIT, "", noJdk.toString(), "sh", "-c", "java -version");
        assertThat(java.exitCode()).as("java must not be found: " + java.stderr()).isNotZero();

        Cli.Result version = cli.run(LOGIN_WAIT, "version", "--json");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        Map<String, Object> build = JSONObjectUtils.parse(version.stdout());
        assertThat(build.get("commit")).isEqualTo(headCommit());
        assertThat((String) JSONObjectUtils.getJSONObject(build, "java").get("home")).isEqualTo(runtime.toString());
        Cli.Result plain = cli.run(LOGIN_WAIT, "--version");
        assertThat(plain.stdout()).startsWith("cliauth " + build.get("version") + "\n");

        BrowserSignIn.signIn(cli, issuer, "pkg");
        String token = BrowserSignIn.storedAccessToken(cli, "pkg");
        Cli.Result printed = cli.with("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on").run(LOGIN_WAIT, "token", "--profile", "pkg");
        cli.without("JAVA_TOOL_OPTIONS");
        assertThat(printed.exitCode()).as(printed.stderr()).isZero();
        assertThat(printed.stdout()).isEqualTo(token + "\n");

        String idToken = BrowserSignIn.storedIdToken(cli, "pkg");
        try (KubeApiStandIn api = KubeApiStandIn.oidc(home, new KubeOidcAuthenticator(issuer, "cliauth"))) {
            Path kubeconfig = home.resolve("kubeconfig");
            Files.writeString(kubeconfig, api.kubeconfig("cliauth", "pkg",
                    Map.of("XDG_CONFIG_HOME", shell.get("XDG_CONFIG_HOME"), "XDG_STATE_HOME", shell.get("XDG_STATE_HOME"))));
            Tool.Result pods = shell.run(LOGIN_WAIT, "", noJdk.toString(), onPath(KubectlIT.KUBECTL), "--kubeconfig", kubeconfig.toString(),
                    "get", "pods");
            assertThat(pods.exitCode()).as(pods.stderr()).isZero();
            assertThat(pods.stdout()).contains(KubeApiStandIn.POD);
            assertThat(api.authorizations()).isNotEmpty().containsOnly("Bearer " + idToken);
        }

        Tool.Result fill = shell.with("GIT_CONFIG_NOSYSTEM", "1").with("GIT_TERMINAL_PROMPT", "0")
                .run(LOGIN_WAIT, "protocol=https\nhost=git.example.com\n\n", noJdk.toString(), onPath("git"),
                        "-c", "credential.https://git.example.com.helper=!cliauth git-credential --profile pkg --host git.example.com", "credential", "fill");
        assertThat(fill.exitCode()).as(fill.stderr()).isZero();
        assertThat(fill.stdout().lines()).contains("username=oauth2", "password=" + token);
    }

    private static Path only(String glob) throws Exception {
        try (var files = Files.newDirectoryStream(dist, glob)) {
            List<Path> found = new ArrayList<>();
            files.forEach(found::add);
            assertThat(found).as(glob + " in " + dist).hasSize(1);
            return found.get(0);
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String headCommit() throws Exception {
        Tool.Result head = new Tool(work).run(Duration.ofMinutes(1), "", "git", "-C", Cli.ROOT.toString(), "rev-parse", "HEAD");
        assertThat(head.exitCode()).as(head.stderr()).isZero();
        return head.stdout().strip();
    }

    /** An absolute path for a program on this JVM's PATH (the installations' PATH is the system's alone). */
    private static String onPath(String program) {
        if (program.contains("/")) {
            return program;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program).toString();
            }
        }
        throw new AssertionError(program + " is not on PATH");
    }

    private static void script(Path file, String comment, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + comment + "\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs a command as root: directly when this is root, else through {@code sudo -n}. */
    private static Tool.Result root(String... command) throws Exception {
        List<String> full = new ArrayList<>();
        if (!"0".equals(new Tool(work).run(Duration.ofSeconds(30), "", "id", "-u").stdout().strip())) {
            full.add("sudo");
            full.add("-n");
        }
        full.addAll(List.of(command));
        Tool.Result result = new Tool(work).with("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .run(Duration.ofMinutes(3), "", full.toArray(String[]::new));
        assertThat(result.exitCode()).as(String.join(" ", full) + " (this test needs root, or sudo without a password): "
                + result.stdout() + result.stderr()).isZero();
        return result;
    }

    private static void removePackage() throws Exception {
        Tool.Result status = new Tool(work).run(Duration.ofMinutes(1), "", "dpkg-query", "--show", "--showformat=${db:Status-Status}", PACKAGE);
        if (status.exitCode() == 0 && !status.stdout().equals("not-installed")) {
            root("dpkg", "-r", PACKAGE);
        }
    }
}
