package dev.cliauth.core.flow.device;

import dev.cliauth.core.browser.BrowserLauncher;
import dev.cliauth.core.flow.Terminal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What the person sees during a device login (RFC 8628 §3.3): the verification page and the user code, the page
 * with the code already in it when offered (§3.3.1), a warning against codes sent by others (§5.4, remote
 * phishing), optionally a QR code and the browser, and the time left. The device code is never shown. Text from the
 * provider is cleaned by the terminal it is given ({@link dev.cliauth.core.flow.TerminalText}), not here.
 */
final class DevicePrompt {
    private final Terminal terminal;
    private final BrowserLauncher browser;
    private final QrText qr;
    private final String hostName;

    DevicePrompt(Terminal terminal, BrowserLauncher browser, QrText qr, String hostName) {
        this.terminal = Objects.requireNonNull(terminal);
        this.browser = Objects.requireNonNull(browser);
        this.qr = Objects.requireNonNull(qr);
        this.hostName = hostName == null || hostName.isBlank() ? "this computer" : hostName;
    }

    /**
     * @param page the authorization's pages, checked ({@link VerificationPage#check}): the only addresses shown, opened or
     *             drawn
     */
    void show(URI issuer, DeviceAuthorization authorization, VerificationPage page, DeviceOptions options) {
        page.elsewhere().ifPresent(terminal::println);
        terminal.println("To sign in to " + issuer + ", open this page in a browser on any device:");
        terminal.println("  " + page.uri());
        terminal.println("and enter the code:");
        terminal.println("  " + authorization.userCode());
        page.complete().ifPresent(complete -> {
            terminal.println("Or open this address, which already carries the code:");
            terminal.println("  " + complete);
        });
        terminal.println("Enter this code only if you just ran this command on " + hostName + "; if someone sent it to you, do not enter it.");
        URI toOpen = page.toOpen();
        if (options.openBrowser() && isWeb(toOpen) && browser.open(toOpen)) {
            terminal.println("Opened your browser at " + toOpen + "; check that the code it shows is " + authorization.userCode() + ".");
        }
        if (options.showQr()) {
            qr.render(toOpen.toString()).forEach(terminal::println);
        }
    }

    /**
     * At each poll: "Waiting for approval... 9m 35s left", as a {@link Terminal#status} line: rewritten in place on a
     * terminal, one line per poll in a log.
     */
    void waiting(Duration left) {
        terminal.status("Waiting for approval... " + describe(left) + " left");
    }

    /** "9m 35s", or "35s" under a minute. */
    static String describe(Duration left) {
        long seconds = Math.max(0, left.toSeconds());
        return seconds >= 60 ? (seconds / 60) + "m " + (seconds % 60) + "s" : seconds + "s";
    }

    private static boolean isWeb(URI page) {
        String scheme = page.getScheme() == null ? "" : page.getScheme().toLowerCase(Locale.ROOT);
        return page.isAbsolute() && page.getHost() != null && (scheme.equals("https") || scheme.equals("http"));
    }
}
