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
    private final Transport transport;
    private SSLSocketFactory tls;
    private boolean tlsMade;

    public OAuthHttp(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, line -> { });
    }

    public OAuthHttp(Duration connectTimeout, Duration readTimeout, Consumer<String> trace) {
        this(connectTimeout, readTimeout, trace, (SSLSocketFactory) null);
    }

    /**
     * @param trace receives lines for {@code --verbose}: method, URL without its query, purpose, status and time,
     *              then the headers, query and body of request and response with every value that may carry a
     *              code, token, secret or assertion redacted ({@link Redacted})
     */
    public OAuthHttp(Duration connectTimeout, Duration readTimeout, Consumer<String> trace, SSLSocketFactory tls) {
        this(connectTimeout, readTimeout, trace, () -> tls);
    }

    private OAuthHttp(Duration connectTimeout, Duration readTimeout, Consumer<String> trace, Supplier<SSLSocketFactory> tls) {
        this(connectTimeout, readTimeout, trace, tls, HTTPRequest::send);
    }

    private OAuthHttp(Duration connectTimeout, Duration readTimeout, Consumer<String> trace, Supplier<SSLSocketFactory> tls, Transport transport) {
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
        this.trace = trace;
        this.tlsSource = tls;
        this.transport = transport;
    }

    /** What carries a request to the provider and back: the network, or a script in a test or fuzzer. */
    @FunctionalInterface
    public interface Transport {
        HTTPResponse send(HTTPRequest request) throws IOException;
    }

    /** Requests go through {@code transport} instead of the network; everything else (tracing, errors) is as usual. */
    public static OAuthHttp over(Transport transport, Consumer<String> trace) {
        return new OAuthHttp(Duration.ofSeconds(10), Duration.ofSeconds(30), trace, () -> null, transport);
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
        // only TLS needs the trust store: a plain-HTTP loopback provider (tests, the dev IdP) never reads a CA bundle
        SSLSocketFactory tls = "https".equalsIgnoreCase(request.getURL().getProtocol()) ? tls() : null;
        if (tls != null) {
            request.setSSLSocketFactory(tls);
        }
        long started = System.nanoTime();
        try {
            HTTPResponse response = transport.send(request);
            trace.accept(request.getMethod() + " " + withoutQuery(request) + " (" + purpose + "): HTTP " + response.getStatusCode()
                    + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            traceRequest(request);
            traceResponse(request, response);
            return response;
        } catch (SSLHandshakeException e) {
            trace.accept(request.getMethod() + " " + withoutQuery(request) + " (" + purpose + "): TLS failed, " + describe(e));
            traceRequest(request);
            throw new CliauthException(Failure.PROVIDER_UNAVAILABLE, "The TLS certificate of " + request.getURL().getHost()
                    + " is not trusted (" + e.getMessage() + "). If your network intercepts TLS, give your organisation's CA bundle"
                    + " with --ca-file FILE or SSL_CERT_FILE=FILE.", e);
        } catch (IOException e) {
            trace.accept(request.getMethod() + " " + withoutQuery(request) + " (" + purpose + "): failed, " + describe(e));
            traceRequest(request);
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

    /** The request as sent, for {@code --verbose}: headers and body with every credential redacted. */
    private void traceRequest(HTTPRequest request) {
        String query = request.getURL().getQuery();
        if (query != null) {
            trace.accept("  > query: " + Redacted.form(query));
        }
        request.getHeaderMap().forEach((name, values) -> values.forEach(value -> trace.accept("  > " + Redacted.header(name, value))));
        String body = request.getBody();
        if (body != null && !body.isEmpty()) {
            trace.accept("  > " + Redacted.form(body));
        }
    }

    private void traceResponse(HTTPRequest request, HTTPResponse response) {
        for (String name : new String[] {"Content-Type", "DPoP-Nonce", "WWW-Authenticate", "Retry-After"}) {
            String value = response.getHeaderValue(name);
            if (value != null) {
                trace.accept("  < " + Redacted.header(name, value));
            }
        }
        String body = response.getBody();
        if (body != null && !body.isEmpty()) {
            trace.accept("  < " + Redacted.json(body, Redacted.hiddenValues(request.getBody(), request.getHeaderMap())));
        }
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
