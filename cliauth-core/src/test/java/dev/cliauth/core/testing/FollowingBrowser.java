package dev.cliauth.core.testing;

import dev.cliauth.core.browser.BrowserLauncher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A stand-in for the person's browser: it requests the authorization URL and follows the provider's redirect to
 * the loopback listener, on a background thread, as a browser would while the CLI waits. A test can first send
 * forged callbacks, and reads the status codes the listener answered.
 */
public final class FollowingBrowser implements BrowserLauncher {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> forgedQueries;
    /** Status codes the loopback listener answered, forged requests first. */
    public final List<Integer> callbackStatuses = Collections.synchronizedList(new ArrayList<>());
    public final List<URI> opened = Collections.synchronizedList(new ArrayList<>());
    private final UnaryOperator<URI> rewriteCallback;

    public FollowingBrowser(List<String> forgedQueries, UnaryOperator<URI> rewriteCallback) {
        this.forgedQueries = forgedQueries;
        this.rewriteCallback = rewriteCallback;
    }

    public FollowingBrowser() {
        this(List.of(), UnaryOperator.identity());
    }

    @Override
    public boolean open(URI url) {
        opened.add(url);
        Thread thread = new Thread(() -> follow(url), "following-browser");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    private void follow(URI url) {
        try {
            HttpResponse<Void> provider = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding());
            URI callback = URI.create(provider.headers().firstValue("Location").orElseThrow());
            URI base = URI.create(callback.getScheme() + "://" + callback.getRawAuthority() + callback.getRawPath());
            for (String forged : forgedQueries) {
                callbackStatuses.add(http.send(HttpRequest.newBuilder(URI.create(base + "?" + forged)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode());
            }
            callbackStatuses.add(http.send(HttpRequest.newBuilder(rewriteCallback.apply(callback)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (Exception e) {
            callbackStatuses.add(-1);
        }
    }
}
