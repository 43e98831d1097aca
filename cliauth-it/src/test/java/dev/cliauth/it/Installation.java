package dev.cliauth.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The built cliauth laid out as an installation of its own, in a temporary directory: its launcher, the project's
 * jars (linked), and a {@code conf/} where an administrator's {@code policy.toml} goes. What an administrator writes
 * there applies to every run of this installation, whatever the environment says — the way {@code /etc/cliauth}
 * does, without touching this machine's {@code /etc}.
 */
final class Installation {
    private final Path dir;

    private Installation(Path dir) {
        this.dir = dir;
    }

    static Installation in(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path launcher = Files.copy(Cli.LAUNCHER, bin.resolve("cliauth"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path target = Files.createDirectories(dir.resolve("cliauth-cli/target"));
        Files.createSymbolicLink(target.resolve("cliauth-cli.jar"), Cli.ROOT.resolve("cliauth-cli/target/cliauth-cli.jar"));
        Files.createSymbolicLink(target.resolve("lib"), Cli.ROOT.resolve("cliauth-cli/target/lib"));
        Files.createDirectories(dir.resolve("conf"));
        return new Installation(dir);
    }

    Path launcher() {
        return dir.resolve("bin/cliauth");
    }

    /** The administrator's policy file of this installation. */
    Path policy() {
        return dir.resolve("conf/policy.toml");
    }

    /** Writes the administrator's policy. */
    Installation policy(String toml) throws IOException {
        Files.writeString(policy(), toml);
        return this;
    }

    /** A cliauth of this installation, with the usual test environment in {@code home}. */
    Cli cli(Path home) throws IOException {
        return new Cli(home).launcher(launcher()).with("CLIAUTH_CDS", "off");
    }
}
