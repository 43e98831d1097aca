package dev.cliauth.core.config;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host {@code git-credential} may give a profile's token to: {@code host} or {@code host:port}, compared without
 * regard to case, exactly — no wildcards, no suffixes: a token for {@code git.example.com} must never reach
 * {@code git.example.com.evil.test} or a submodule's host.
 */
public final class GitHost {
    private static final Pattern HOST = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)(:[0-9]{1,5})?");

    private GitHost() {
    }

    /** The host in its compared form (lower case); a malformed one is a configuration error. */
    public static String check(String host) {
        String value = host == null ? "" : host.strip();
        if (!HOST.matcher(value).matches()) {
            throw new CliauthException(Failure.CONFIGURATION, "'" + value + "' is not a git host; give a host name like git.example.com"
                    + " (or git.example.com:8443), without scheme or path.");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** Whether git's {@code host=} value (which carries the port when the URL has one) is one of {@code allowed}. */
    public static boolean isAllowed(Collection<String> allowed, String requested) {
        return requested != null && allowed.contains(requested.strip().toLowerCase(Locale.ROOT));
    }
}
