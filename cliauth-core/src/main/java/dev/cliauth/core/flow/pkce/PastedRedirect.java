package dev.cliauth.core.flow.pkce;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Paste mode: the person signed in on another machine and pastes the address the browser was sent to
 * ({@code http://127.0.0.1:PORT/callback?code=...&state=...}). It must be this login's redirect URI, and its state
 * is checked exactly as for the loopback listener.
 */
final class PastedRedirect {
    private PastedRedirect() {
    }

    static Callback judge(String pasted, URI redirectUri, CallbackParser parser) {
        if (pasted == null) {
            return new Callback.Rejected("nothing was pasted");
        }
        URI uri;
        try {
            uri = new URI(pasted.trim());
        } catch (URISyntaxException e) {
            return new Callback.Rejected("that is not a URL");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || !redirectUri.getHost().equals(uri.getHost())
                || uri.getPort() != redirectUri.getPort() || !redirectUri.getPath().equals(uri.getPath())) {
            return new Callback.Rejected("it does not start with " + redirectUri);
        }
        return parser.parse(uri.getRawQuery());
    }
}
