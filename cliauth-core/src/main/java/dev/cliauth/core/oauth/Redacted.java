package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.util.URLUtils;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders protocol messages for {@code --verbose} with every value hidden unless its name is on a short list of
 * parameters that never carry a credential (grant type, client id, scope, expiry, error…). An allow-list, not a
 * deny-list: a provider's new or unknown field (a session id, a custom token) is hidden by default, so a token,
 * code, verifier, secret, assertion, device code or state can never reach a terminal or a pasted bug report.
 */
public final class Redacted {
    static final String HIDDEN = "<redacted>";

    /** Names whose values are shown in clear: protocol plumbing, never a credential. */
    private static final Set<String> SHOWN = Set.of(
            "grant_type", "client_id", "redirect_uri", "scope", "response_type", "response_mode",
            "code_challenge_method", "code_challenge", "token_type", "token_type_hint", "expires_in", "refresh_expires_in",
            "not-before-policy", "error", "error_description", "error_uri", "interval", "verification_uri",
            "audience", "resource", "requested_token_type", "subject_token_type", "actor_token_type", "issued_token_type",
            "client_assertion_type", "request_uri", "prompt", "max_age", "acr_values", "ui_locales", "iss", "provider",
            // provider metadata and key sets (public by design)
            "issuer", "authorization_endpoint", "token_endpoint", "device_authorization_endpoint", "userinfo_endpoint",
            "pushed_authorization_request_endpoint", "revocation_endpoint", "introspection_endpoint", "end_session_endpoint",
            "jwks_uri", "registration_endpoint", "require_pushed_authorization_requests", "authorization_response_iss_parameter_supported",
            "keys", "kid", "kty", "alg", "use", "crv");

    private static final int MAX = 2000;
    /** Shorter values would scrub ordinary words from an echo; no real secret is this short. */
    private static final int MIN_SECRET = 6;

    private Redacted() {
    }

    /** {@code a=1&code=<redacted>} for a form body or query string; unparseable input is hidden whole. */
    public static String form(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return "";
        }
        Map<String, List<String>> parameters;
        try {
            parameters = URLUtils.parseParameters(encoded);
        } catch (RuntimeException e) {
            return HIDDEN;
        }
        List<String> parts = new ArrayList<>();
        parameters.forEach((name, values) -> {
            for (String value : values) {
                parts.add(name + "=" + (shown(name) ? value : HIDDEN));
            }
        });
        return cap(String.join("&", parts));
    }

    /**
     * The values {@link #form} and {@link #header} hide in a request (a client secret inside Basic authentication
     * included), so that a response that echoes one — some providers repeat what they were sent in
     * {@code error_description} — can be scrubbed of it too.
     */
    public static List<String> hiddenValues(String encoded, Map<String, List<String>> headers) {
        List<String> hidden = new ArrayList<>();
        if (encoded != null && !encoded.isEmpty()) {
            try {
                URLUtils.parseParameters(encoded).forEach((name, values) -> {
                    if (!shown(name)) {
                        hidden.addAll(values);
                    }
                });
            } catch (RuntimeException e) {
                hidden.add(encoded);
            }
        }
        headers.forEach((name, values) -> {
            if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("DPoP")) {
                for (String value : values) {
                    String credentials = value.substring(value.indexOf(' ') + 1);
                    hidden.add(credentials);
                    if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
                        try {
                            String pair = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                            hidden.add(URLDecoder.decode(pair.substring(pair.indexOf(':') + 1), StandardCharsets.UTF_8));
                        } catch (IllegalArgumentException e) {
                            // not Base64: the whole value is already on the list
                        }
                    }
                }
            }
        });
        hidden.removeIf(value -> value == null || value.length() < MIN_SECRET);
        return hidden;
    }

    /** A JSON object with the values of unlisted members hidden, nested objects included; non-JSON is only measured. */
    public static String json(String body) {
        return json(body, List.of());
    }

    /** As {@link #json(String)}, and any of {@code echoed} found in a value that is shown is cut out too. */
    public static String json(String body, List<String> echoed) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        Map<String, Object> object;
        try {
            object = JSONObjectUtils.parse(body);
        } catch (ParseException | RuntimeException e) {
            return "(not a JSON object, " + body.strip().length() + " characters)";
        }
        StringBuilder out = new StringBuilder();
        object(object, out, 0);
        String text = out.toString();
        for (String value : echoed) {
            text = text.replace(value, HIDDEN);
        }
        return cap(text);
    }

    /** An {@code Authorization} header shows its scheme only; a DPoP proof is named, not shown. */
    public static String header(String name, String value) {
        if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization")) {
            int space = value.indexOf(' ');
            return name + ": " + (space > 0 ? value.substring(0, space) + " " : "") + HIDDEN;
        }
        if (name.equalsIgnoreCase("DPoP")) {
            return name + ": " + HIDDEN + " (proof)";
        }
        if (name.equalsIgnoreCase("Cookie") || name.equalsIgnoreCase("Set-Cookie")) {
            return name + ": " + HIDDEN;
        }
        return name + ": " + value;
    }

    private static void object(Map<String, Object> object, StringBuilder out, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> member : new TreeMap<>(object).entrySet()) { // sorted: the same body reads the same
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(member.getKey()).append("\":");
            Object value = member.getValue();
            value(shown(member.getKey()), value, out, depth);
        }
        out.append('}');
    }

    @SuppressWarnings("unchecked")
    private static void value(boolean shown, Object value, StringBuilder out, int depth) {
        if (value instanceof Map<?, ?> nested && depth < 4) {
            object((Map<String, Object>) nested, out, depth + 1);
        } else if (value instanceof List<?> list && depth < 4) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                value(shown, list.get(i), out, depth + 1);
            }
            out.append(']');
        } else if (shown && (value == null || value instanceof Number || value instanceof Boolean)) {
            out.append(value);
        } else if (shown && value instanceof String text) {
            out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else {
            out.append('"').append(HIDDEN).append('"');
        }
    }

    private static boolean shown(String name) {
        return SHOWN.contains(name) || name.endsWith("_supported");
    }

    private static String cap(String text) {
        StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX + 1));
        for (int i = 0; i < text.length() && clean.length() <= MAX; i++) {
            char c = text.charAt(i);
            // no control characters from a provider's body reach the terminal (escape sequences, line breaks)
            clean.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? ' ' : c);
        }
        String oneLine = clean.toString();
        return oneLine.length() <= MAX ? oneLine : oneLine.substring(0, MAX) + "…";
    }
}
