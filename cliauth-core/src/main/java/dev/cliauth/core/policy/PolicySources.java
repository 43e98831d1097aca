package dev.cliauth.core.policy;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the policy comes from, and how it is loaded. The administrator's files always apply: {@code /etc/cliauth/policy.toml}
 * and, for an installed cliauth, {@code conf/policy.toml} in its installation directory (as a JDK keeps its
 * {@code conf/}). Files a user controls — the one {@code $CLIAUTH_POLICY} names, and
 * {@code $XDG_CONFIG_HOME/cliauth/policy.toml} — are read after them and can only add restrictions
 * ({@link Policy#merge}): an environment variable set by a repository's {@code .envrc} must not be able to lift an
 * administrator's rule.
 *
 * <p>Each file is parsed strictly ({@link PolicyFileSettings}). A missing file is skipped — most machines have none —
 * except the one {@code CLIAUTH_POLICY} names: someone pointed at it on purpose, and silently running without it
 * would hide their mistake.
 */
public final class PolicySources {
    /** The variable naming a policy file of the user's (tests, containers, per-project policies): it can only tighten. */
    public static final String VARIABLE = "CLIAUTH_POLICY";
    /** Where an administrator puts the machine-wide policy. */
    public static final Path SYSTEM_FILE = Path.of("/etc/cliauth/policy.toml");
    /**
     * The system property an installed cliauth's launcher sets to its installation directory, whose
     * {@code conf/policy.toml} is an administrator's file. Set on the launcher's command line, which comes after (and
     * so wins over) anything in {@code JAVA_TOOL_OPTIONS}.
     */
    public static final String HOME_PROPERTY = "cliauth.home";

    private final List<Path> administratorFiles;
    private final Map<String, String> env;
    private final Function<Path, Optional<String>> readFile;

    /** One policy file of the list, and who controls it. */
    public record Source(Path file, PolicyLayer.Authority authority, boolean required) {
    }

    /**
     * @param administratorFiles the administrator's files, in order (production: {@link #administratorFiles()})
     * @param env                the process environment ({@code CLIAUTH_POLICY}, the XDG directories, {@code HOME})
     * @param readFile           a file's text, or empty when it does not exist; may throw {@link CliauthException}
     */
    public PolicySources(List<Path> administratorFiles, Map<String, String> env, Function<Path, Optional<String>> readFile) {
        this.administratorFiles = List.copyOf(administratorFiles);
        this.env = Map.copyOf(Objects.requireNonNull(env));
        this.readFile = Objects.requireNonNull(readFile);
    }

    /** This machine's administrator's files and the user's, read from disk. */
    public static PolicySources production(Map<String, String> env) {
        return new PolicySources(administratorFiles(), env, PolicySources::readFromDisk);
    }

    /** {@code /etc/cliauth/policy.toml}, then the installation's {@code conf/policy.toml} when the launcher names it. */
    public static List<Path> administratorFiles() {
        List<Path> files = new ArrayList<>(List.of(SYSTEM_FILE));
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            files.add(Path.of(home).resolve("conf").resolve("policy.toml"));
        }
        return files;
    }

    /** Every file that would be read, in order, whether or not it exists. */
    public List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        administratorFiles.forEach(file -> sources.add(new Source(file, PolicyLayer.Authority.ADMINISTRATOR, false)));
        explicitLocation().ifPresent(file -> sources.add(new Source(file, PolicyLayer.Authority.USER, true)));
        userFile().ifPresent(file -> sources.add(new Source(file, PolicyLayer.Authority.USER, false)));
        return sources;
    }

    /** Reads every file and merges them; anything malformed, or a missing {@code $CLIAUTH_POLICY} file, is an error. */
    public Policy load() {
        List<PolicyLayer> layers = new ArrayList<>();
        for (Source source : sources()) {
            Optional<String> text = readFile.apply(source.file());
            if (text.isEmpty()) {
                if (source.required()) {
                    throw new CliauthException(Failure.CONFIGURATION, "Policy file " + source.file() + " (from " + VARIABLE
                            + ") does not exist; fix " + VARIABLE + " or unset it.");
                }
                continue;
            }
            layers.add(new PolicyFileSettings(source.file(), source.authority(), env).parse(text.get()));
        }
        return Policy.merge(layers);
    }

    private Optional<Path> explicitLocation() {
        String value = env.get(VARIABLE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.strip()));
    }

    /** {@code $XDG_CONFIG_HOME/cliauth/policy.toml}, when the directories can be known at all. */
    private Optional<Path> userFile() {
        try {
            return Optional.of(dev.cliauth.core.config.Locations.fromEnvironment(env).configDir().resolve("policy.toml"));
        } catch (CliauthException noHome) {
            return Optional.empty(); // no HOME: the command fails later, where it needs one, with its own message
        }
    }

    /*
     * Not PrivateFiles.read: a policy is meant to be readable by everyone and is often a symbolic link placed by
     * configuration management, which PrivateFiles (rightly, for secrets) refuses.
     */
    public static Optional<String> readFromDisk(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            throw new CliauthException(Failure.CONFIGURATION, "Policy file " + file + ": cannot read it: " + reason(e) + ".", e);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied"; // its message is only the path
        }
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return PolicyFileSettings.oneLine(String.valueOf(e.getMessage()));
    }
}
