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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the administrator's policy lives and how it is loaded: {@code $CLIAUTH_POLICY} when set, else
 * {@code /etc/cliauth/policy.toml}.
 *
 * <p>Decision order: if the file exists, parse it strictly ({@link PolicyFileSettings}); if it is the default
 * location and missing, use {@link Policy#defaults()} (most machines have no policy); if {@code CLIAUTH_POLICY}
 * names a file that is missing, fail, because someone pointed at that file on purpose and silently running
 * without it would hide their mistake.
 */
public final class PolicyFile {
    /** The variable that overrides the location, for tests, containers and per-project policies. */
    public static final String VARIABLE = "CLIAUTH_POLICY";
    /** Where an administrator puts the machine-wide policy. */
    public static final Path DEFAULT_LOCATION = Path.of("/etc/cliauth/policy.toml");

    private final Map<String, String> env;
    private final Function<Path, Optional<String>> readFile;

    /** Reads the policy from the real file system. */
    public PolicyFile(Map<String, String> env) {
        this(env, PolicyFile::readFromDisk);
    }

    /**
     * @param env      the process environment ({@code CLIAUTH_POLICY}, and {@code HOME} for {@code ~/} in paths)
     * @param readFile a file's text, or empty when it does not exist; may throw {@link CliauthException}
     */
    public PolicyFile(Map<String, String> env, Function<Path, Optional<String>> readFile) {
        this.env = Map.copyOf(Objects.requireNonNull(env));
        this.readFile = Objects.requireNonNull(readFile);
    }

    /** The file the policy is read from, whether or not it exists. */
    public Path location() {
        return explicitLocation().orElse(DEFAULT_LOCATION);
    }

    /** Loads the policy; a missing default file gives the built-in defaults, anything malformed is an error. */
    public Policy load() {
        Optional<Path> explicit = explicitLocation();
        Path file = location();
        Optional<String> text = readFile.apply(file);
        if (text.isEmpty()) {
            if (explicit.isPresent()) {
                throw new CliauthException(Failure.CONFIGURATION, "Policy file " + file + " (from " + VARIABLE
                        + ") does not exist; fix " + VARIABLE + " or unset it to use " + DEFAULT_LOCATION + ".");
            }
            return Policy.defaults();
        }
        return new PolicyFileSettings(file, env).parse(text.get());
    }

    private Optional<Path> explicitLocation() {
        String value = env.get(VARIABLE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.strip()));
    }

    /*
     * Not PrivateFiles.read: a policy is meant to be readable by everyone and is often a symbolic link placed by
     * configuration management, which PrivateFiles (rightly, for secrets) refuses.
     */
    private static Optional<String> readFromDisk(Path file) {
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
