package dev.cliauth.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's way onto PATH: {@code ln -s $PWD/bin/cliauth ~/.local/bin/cliauth}, then {@code cliauth token} by name
 * from any directory. The launcher must find the project where the link leads (it once took the link's directory for
 * the project, tried to build there and failed).
 */
class LauncherThroughSymlinksIT {
    static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    Path home;

    @Test
    void anAbsoluteLinkOnPathRunsTheProjectsCliauth() throws Exception {
        Path bin = Files.createDirectories(home.resolve(".local/bin"));
        Files.createSymbolicLink(bin.resolve("cliauth"), Cli.LAUNCHER);
        assertTokenByName(bin);
    }

    @Test
    void aChainOfRelativeLinksRunsItToo() throws Exception {
        // ~/bin/cliauth -> ../tools/cliauth -> (absolute) bin/cliauth
        Path tools = Files.createDirectories(home.resolve("tools"));
        Files.createSymbolicLink(tools.resolve("cliauth"), Cli.LAUNCHER);
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("cliauth"), Path.of("../tools/cliauth"));
        assertTokenByName(bin);
    }

    /** With a stored session in this home, {@code cliauth token} run by name (a shell finds it on PATH) from the home directory prints its token. */
    private void assertTokenByName(Path bin) throws Exception {
        String token = storeSession(home, "default");
        Tool shell = new Tool(home).with("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

        Tool.Result version = shell.run(WAIT, "", "sh", "-c", "cliauth --version");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).startsWith("cliauth ");
        assertThat(version.stderr()).doesNotContain("building");

        Tool.Result printed = shell.run(WAIT, "", "sh", "-c", "cliauth token");
        assertThat(printed.exitCode()).as(printed.stderr()).isZero();
        assertThat(printed.stdout()).isEqualTo(token + "\n");
    }

    /** A profile and a session fresh for an hour, as files in {@code home}'s XDG directories; returns its access token. */
    static String storeSession(Path home, String profile) throws Exception {
        String issuer = "https://id.example.com/realms/acme";
        long now = Instant.now().getEpochSecond();
        String token = "at-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        Path profiles = Files.createDirectories(home.resolve("config/cliauth/profiles"));
        Path sessions = Files.createDirectories(home.resolve("state/cliauth/sessions"));
        for (Path dir : new Path[] {home.resolve("config"), home.resolve("config/cliauth"), profiles, home.resolve("state"),
                home.resolve("state/cliauth"), sessions}) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        write(profiles.resolve(profile + ".json"), "{\"issuer\":\"" + issuer + "\",\"client_id\":\"cli\",\"scope\":\"openid\","
                + "\"open_browser\":true,\"login_timeout_seconds\":300}\n");
        write(sessions.resolve(profile + ".json"), "{\"version\":1,\"issuer\":\"" + issuer + "\",\"client_id\":\"cli\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"subject\":\"s\",\"username\":\"u\",\"grant\":\"authorization_code+pkce\","
                + "\"obtained_at\":" + now + ",\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_at\":" + (now + 3600)
                + ",\"scope\":\"openid\"}\n");
        return token;
    }

    private static void write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
