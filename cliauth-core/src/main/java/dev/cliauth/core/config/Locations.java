package dev.cliauth.core.config;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.nio.file.Path;
import java.util.Map;

/**
 * The directories cliauth uses, after the XDG Base Directory conventions:
 * profiles under {@code $XDG_CONFIG_HOME/cliauth} (default {@code ~/.config/cliauth}),
 * sessions under {@code $XDG_STATE_HOME/cliauth} (default {@code ~/.local/state/cliauth}),
 * disposable downloads under {@code $XDG_CACHE_HOME/cliauth} (default {@code ~/.cache/cliauth}).
 */
public record Locations(Path configDir, Path stateDir, Path cacheDir) {

    public static Locations fromEnvironment(Map<String, String> env) {
        return new Locations(
                base(env, "XDG_CONFIG_HOME", ".config").resolve("cliauth"),
                base(env, "XDG_STATE_HOME", ".local/state").resolve("cliauth"),
                base(env, "XDG_CACHE_HOME", ".cache").resolve("cliauth"));
    }

    private static Path base(Map<String, String> env, String variable, String underHome) {
        String value = env.get(variable);
        // The XDG spec says relative values are invalid and must be ignored.
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            home = env.get("USERPROFILE");
        }
        if (home == null || home.isBlank()) {
            throw new CliauthException(Failure.CONFIGURATION, "Neither " + variable + " nor HOME is set; set HOME so cliauth knows where to keep its files.");
        }
        return Path.of(home).resolve(underHome);
    }
}
