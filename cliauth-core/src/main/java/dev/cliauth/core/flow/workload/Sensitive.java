package dev.cliauth.core.flow.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * The secret values one token request carries (client secret, platform token, client assertion), so that any text
 * that leaves cliauth — a provider's {@code error_description} included — can be scrubbed of them. A second line of
 * defence: messages are built without secrets in the first place.
 */
final class Sensitive {
    /** Shorter values would scrub ordinary words; no real secret is this short. */
    private static final int MIN_LENGTH = 6;
    private final List<String> values = new ArrayList<>();

    void add(String value) {
        if (value != null && value.length() >= MIN_LENGTH) {
            values.add(value);
        }
    }

    /** The error with every secret cut out of its description — before anything shortens it for display. */
    dev.cliauth.core.oauth.OAuthError scrub(dev.cliauth.core.oauth.OAuthError error) {
        dev.cliauth.core.oauth.OAuthError result = error;
        for (String value : values) {
            result = result.without(value, "[redacted]");
        }
        return result;
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String value : values) {
            result = result.replace(value, "[redacted]");
        }
        return result;
    }
}
