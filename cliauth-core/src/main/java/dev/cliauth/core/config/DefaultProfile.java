package dev.cliauth.core.config;

import dev.cliauth.core.io.PrivateFiles;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which profile a command uses when none is named: {@code $CLIAUTH_PROFILE}, else the one {@code cliauth use NAME}
 * chose ({@code $XDG_CONFIG_HOME/cliauth/default-profile}), else {@code default}. Read with the JDK alone: the fast
 * path resolves it too.
 */
public final class DefaultProfile {
    /** The variable that overrides the chosen default for one shell or one command. */
    public static final String VARIABLE = "CLIAUTH_PROFILE";

    private DefaultProfile() {
    }

    /** The profile to use when none is named; a malformed name is refused as a profile name always is. */
    public static String resolve(Map<String, String> env, Path configDir, PrivateFiles files) {
        String fromEnv = env.get(VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Profile.checkName(fromEnv.strip());
        }
        return chosen(configDir, files).orElse(Profile.DEFAULT_NAME);
    }

    /** The profile {@code cliauth use} chose, if any. */
    public static Optional<String> chosen(Path configDir, PrivateFiles files) {
        return files.read(file(configDir)).map(String::strip).filter(name -> !name.isEmpty()).map(Profile::checkName);
    }

    /** Makes {@code name} the default. */
    public static void choose(Path configDir, PrivateFiles files, String name) {
        files.write(file(configDir), Profile.checkName(name) + "\n");
    }

    private static Path file(Path configDir) {
        return configDir.resolve("default-profile");
    }
}
