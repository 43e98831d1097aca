package dev.cliauth.core.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.io.IOException;
import java.time.Duration;

/**
 * The one place protocol requests leave the process. Sets timeouts, turns I/O failures into one-line messages
 * naming the URL (never the request body, which may hold a code or token), and is the seam where proxies and
 * custom CAs will plug in.
 */
public final class OAuthHttp {
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public OAuthHttp(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    public static OAuthHttp defaults() {
        return new OAuthHttp(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** Sends the request; {@code purpose} names it in errors ("discovery", "token request"). */
    public HTTPResponse send(HTTPRequest request, String purpose) {
        request.setConnectTimeout(connectTimeoutMillis);
        request.setReadTimeout(readTimeoutMillis);
        request.setFollowRedirects(false);
        try {
            return request.send();
        } catch (IOException e) {
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
