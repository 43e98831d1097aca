package dev.cliauth.core.flow.logout;

import com.sun.net.httpserver.HttpServer;
import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;
import dev.cliauth.core.browser.BrowserLauncher;
import dev.cliauth.core.flow.Terminal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends the person's session at the provider (OpenID Connect RP-Initiated Logout 1.0), so that the next sign-in can
 * choose another account: the browser — which holds the provider's session cookie — is sent to the provider's
 * {@code end_session_endpoint} with the session's ID token as {@code id_token_hint}.
 *
 * <p>The ID token never appears in a URL, a process argument or the terminal: the browser is opened on a one-time
 * page on {@code 127.0.0.1} (an unguessable path) that POSTs the form to the provider, as RP-Initiated Logout §2
 * allows, and the page is served once.
 */
public final class EndSession {
    private final BrowserLauncher browser;
    private final Terminal terminal;

    public EndSession(BrowserLauncher browser, Terminal terminal) {
        this.browser = browser;
        this.terminal = terminal;
    }

    /**
     * @param endpoint the provider's {@code end_session_endpoint}
     * @param idToken  the session's ID token, for {@code id_token_hint}
     * @param clientId sent as {@code client_id}
     * @param wait     how long to wait for the browser to fetch the page
     * @return whether the browser fetched it
     */
    public boolean end(URI endpoint, String idToken, String clientId, Duration wait) {
        String path = "/logout/" + UUID.randomUUID();
        CountDownLatch served = new CountDownLatch(1);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new CliauthException(Failure.STORAGE, "Cannot listen on 127.0.0.1 for the sign-out page: " + e.getMessage(), e);
        }
        byte[] page = page(endpoint, idToken, clientId);
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("GET") || served.getCount() == 0) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
                served.countDown();
            }
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
            boolean opened = browser.open(url);
            terminal.println((opened ? "Opened your browser to end the session at the provider. If it did not open, visit:"
                    : "To end the session at the provider (so the next sign-in can choose another account), open in your browser:"));
            terminal.println("  " + url);
            return served.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            server.stop(1);
        }
    }

    /** A page that posts the logout form to the provider at once (and offers a button where scripts are off). */
    static byte[] page(URI endpoint, String idToken, String clientId) {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Signing out</title></head>"
                + "<body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"" + escape(endpoint.toString()) + "\">"
                + "<input type=\"hidden\" name=\"id_token_hint\" value=\"" + escape(idToken) + "\">"
                + "<input type=\"hidden\" name=\"client_id\" value=\"" + escape(clientId) + "\">"
                + "<noscript><button type=\"submit\">Sign out at the provider</button></noscript></form></body></html>";
        return html.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
