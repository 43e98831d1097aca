package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one place protocol requests leave the process. Sets timeouts, turns I/O failures into one-line messages
 * naming the URL (never the request body, which may hold a code or token), and is the seam where proxies and
 * custom CAs will plug in.
 */
public final class OAuthHttp {
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final Consumer<String> trace;
    private final Supplier<SSLSocketFactory> tlsSource;
    private SSLSocketFactory tls;
    private boolean tlsMade;

    public OAuthHttp(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, line -> { });
    }

    public OAuthHttp(Duration connectTimeout, Duration readTimeout, Consumer<String> trace) {
        this(connectTimeout, readTimeout, trace, (SSLSocketFactory) null);
    }

    /**
     * @param trace receives one line per request for {@code --verbose}: method, URL without its query, purpose,
     *              status and time — never a header or a body, which carry codes, tokens and secrets
     */
    public OAuthHttp(Duration connectTimeout, Duration readTimeout, Consumer<String> trace, SSLSocketFactory tls) {
        this(connectTimeout, readTimeout, trace, () -> tls);
    }

    private OAuthHttp(Duration connectTimeout, Duration readTimeout, Consumer<String> trace, Supplier<SSLSocketFactory> tls) {
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
        this.trace = trace;
        this.tlsSource = tls;
    }

    /**
     * @param tls makes the trust for TLS (e.g. the JDK's CAs plus a corporate bundle), or gives null for the JDK's
     *            default; called once, when the first request needs it: a command that sends nothing (a
     *            {@code cliauth token} served from the store) never reads a CA bundle, nor fails on a broken one
     */
    public static OAuthHttp defaults(Consumer<String> trace, Supplier<SSLSocketFactory> tls) {
        return new OAuthHttp(Duration.ofSeconds(10), Duration.ofSeconds(30), trace, tls);
    }

    /** The TLS socket factory requests use, or null for the JDK default (for other clients such as the JWKS retriever). */
    public synchronized SSLSocketFactory tls() {
        if (!tlsMade) {
            tls = tlsSource.get();
            tlsMade = true;
        }
        return tls;
    }

    public static OAuthHttp defaults() {
        return new OAuthHttp(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public static OAuthHttp defaults(Consumer<String> trace) {
        return new OAuthHttp(Duration.ofSeconds(10), Duration.ofSeconds(30), trace);
    }

    /** Sends the request; {@code purpose} names it in errors ("discovery", "token request"). */
    public HTTPResponse send(HTTPRequest request, String purpose) {
        request.setConnectTimeout(connectTimeoutMillis);
        request.setReadTimeout(readTimeoutMillis);
        request.setFollowRedirects(false);
        SSLSocketFactory tls = tls();
        if (tls != null) {
            request.setSSLSocketFactory(tls);
        }
        long started = System.nanoTime();
        try {
            HTTPResponse response = request.send();
            trace.accept(request.getMethod() + " " + withoutQuery(request) + " (" + purpose + "): HTTP " + response.getStatusCode()
                    + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            return response;
        } catch (SSLHandshakeException e) {
            trace.accept(request.getMethod() + " " + withoutQuery(request) + " (" + purpose + "): TLS failed, " + describe(e));
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The TLS certificate of " + request.getURL().getHost()
                    + " is not trusted (" + e.getMessage() + "). If your network intercepts TLS, give your organisation's CA bundle"
                    + " with --ca-file FILE or SSL_CERT_FILE=FILE.", e);
        } catch (IOException e) {
            trace.accept(request.getMethod() + " " + withoutQuery(request) + " (" + purpose + "): failed, " + describe(e));
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE,
                    "Cannot reach " + withoutQuery(request) + " (" + purpose + "): " + describe(e) + ". Check the issuer URL and your network.", e);
        }
    }

    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    private static String withoutQuery(HTTPRequest request) {
        String url = request.getURL().toString();
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }
}
