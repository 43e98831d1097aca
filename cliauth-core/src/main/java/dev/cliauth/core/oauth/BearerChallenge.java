package dev.cliauth.core.oauth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Bearer} challenge of a {@code WWW-Authenticate} header (RFC 6750 §3), read for the parameters RFC 9728 §5.1
 * adds: {@code resource_metadata}, the URL of the resource's metadata, and {@code scope}. Nimbus's
 * {@link com.nimbusds.oauth2.sdk.token.BearerTokenError} reads only the parameters RFC 6750 defines, so this reads the
 * challenge by RFC 9110 §11.2's grammar: {@code scheme [ token68 / #auth-param ]}, where an auth-param is
 * {@code token "=" ( token / quoted-string )} and a comma separates parameters and challenges alike. A header that does
 * not follow the grammar has no parameters here: nothing from it is used.
 *
 * @param parameters the Bearer challenge's parameters, names in lower case, values unquoted
 */
public record BearerChallenge(Map<String, String> parameters) {
    public BearerChallenge {
        parameters = Map.copyOf(parameters);
    }

    /** The first Bearer challenge among the headers' challenges, if any can be read. */
    public static Optional<BearerChallenge> find(List<String> headerValues) {
        for (String header : headerValues) {
            Optional<BearerChallenge> found = read(header);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public Optional<String> resourceMetadata() {
        return Optional.ofNullable(parameters.get("resource_metadata"));
    }

    public Optional<String> scope() {
        return Optional.ofNullable(parameters.get("scope"));
    }

    private static Optional<BearerChallenge> read(String header) {
        Reader in = new Reader(header);
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            in.skipSpacesAndCommas();
            if (in.atEnd()) {
                break;
            }
            boolean bearer = "bearer".equals(scheme);
            String token = in.token();
            if (token.isEmpty()) {
                if (bearer) {
                    return Optional.empty(); // not the grammar: trust none of the Bearer challenge
                }
                in.skipPastComma(); // another scheme's token68 or oddity: not ours to read
                continue;
            }
            in.skipSpaces();
            if (in.peek('=') && scheme != null) {
                in.next();
                in.skipSpaces();
                boolean quoted = in.peek('"');
                String value = quoted ? in.quoted() : in.token();
                in.skipSpaces();
                boolean wellFormed = value != null && (quoted || !value.isEmpty()) && (in.atEnd() || in.peek(','));
                if (bearer) {
                    if (!wellFormed) {
                        return Optional.empty();
                    }
                    params.putIfAbsent(token.toLowerCase(Locale.ROOT), value);
                }
                continue;
            }
            if (bearer) {
                break; // the next challenge begins: the Bearer one is complete
            }
            scheme = token.toLowerCase(Locale.ROOT);
        }
        return "bearer".equals(scheme) ? Optional.of(new BearerChallenge(params)) : Optional.empty();
    }

    /** A cursor over the header's characters. */
    private static final class Reader {
        private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text == null ? "" : text;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        boolean peek(char c) {
            return !atEnd() && text.charAt(at) == c;
        }

        void next() {
            at++;
        }

        void skipSpaces() {
            while (!atEnd() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
        }

        void skipSpacesAndCommas() {
            while (!atEnd() && (text.charAt(at) == ' ' || text.charAt(at) == '\t' || text.charAt(at) == ',')) {
                at++;
            }
        }

        void skipPastComma() {
            while (!atEnd() && text.charAt(at) != ',') {
                at++;
            }
        }

        String token() {
            int start = at;
            while (!atEnd() && (Character.isLetterOrDigit(text.charAt(at)) && text.charAt(at) < 128 || TCHAR_SYMBOLS.indexOf(text.charAt(at)) >= 0)) {
                at++;
            }
            return text.substring(start, at);
        }

        /** A quoted-string with its backslash escapes undone, or null when it does not end. */
        String quoted() {
            StringBuilder value = new StringBuilder();
            at++; // the opening quote
            while (!atEnd()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (atEnd()) {
                        return null;
                    }
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            return null;
        }
    }
}
