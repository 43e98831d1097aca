package dev.cliauth.cli.commands;

import dev.cliauth.cli.App;

import java.util.function.Supplier;

/**
 * Ctrl-C during a login ends the JVM through its shutdown hooks: say so in one line. Nothing needs undoing, because
 * a login stores its session only at the very end, with an atomic rename.
 */
public final class CancelNotice {
    private CancelNotice() {
    }

    public static <T> T around(App app, Supplier<T> login) {
        Thread hook = new Thread(() -> {
            app.err().println();
            app.err().println("cliauth: Login cancelled; nothing was stored.");
            app.err().flush();
        }, "cliauth-cancel-notice");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return login.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs: the JVM is exiting because of the signal
            }
        }
    }
}
