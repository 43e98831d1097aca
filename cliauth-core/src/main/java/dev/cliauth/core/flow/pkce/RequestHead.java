package dev.cliauth.core.flow.pkce;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The head of an HTTP/1.1 request to the loopback listener (RFC 9112 §3, §5): its method, its target and its one
 * {@code Host}. Only what the listener judges is kept; anything malformed is {@link #parse} answering empty, and the
 * listener answers 400. Strict on purpose: the only client that matters is a browser following a redirect, and
 * browsers send exactly this shape.
 *
 * @param method the request method, e.g. {@code GET}
 * @param target the request target in origin form ({@code /callback?...}), parsed
 * @param host   the value of the one {@code Host} header
 */
record RequestHead(String method, URI target, String host) {

    /**
     * @param head the bytes up to, not including, the empty line that ends the head
     * @return the head, or empty when it is not a well-formed HTTP/1.x request head with exactly one Host
     */
    static Optional<RequestHead> parse(byte[] head) {
        // Field values are octets; ISO-8859-1 maps each to one char, so nothing is lost or invented (RFC 9110 §5.5).
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !requestLine[0].matches("[A-Z]{1,16}") || !requestLine[2].matches("HTTP/1\\.[01]")
                || !requestLine[1].startsWith("/")) {
            return Optional.empty(); // origin form only: an absolute target is for proxies (RFC 9112 §3.2.2)
        }
        URI target;
        try {
            target = new URI(requestLine[1]);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String host = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            // no folded lines (RFC 9112 §5.2) and no space before the colon (§5.1): both have smuggled requests past parsers
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || !line.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                return Optional.empty();
            }
            if (line.substring(0, colon).toLowerCase(Locale.ROOT).equals("host")) {
                if (host != null) {
                    return Optional.empty(); // more than one Host: 400 (RFC 9112 §3.2)
                }
                host = line.substring(colon + 1).strip();
            }
        }
        return host == null ? Optional.empty() : Optional.of(new RequestHead(requestLine[0], target, host));
    }
}
