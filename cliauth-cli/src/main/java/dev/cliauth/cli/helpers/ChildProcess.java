package dev.cliauth.cli.helpers;

import dev.cliauth.core.CliauthException;
import dev.cliauth.core.Failure;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Runs a command in the foreground, as a shell would: with exactly the given environment, this process's standard
 * input, output and error, and its exit status as the result (128 + N when signal N ended it, as shells report).
 *
 * <p>While it runs, Ctrl-C is the command's business: the terminal sends SIGINT to both processes, and a command
 * that handles it (a REPL, {@code psql}) must not be orphaned by this JVM exiting under it. A handler, unlike an
 * ignored signal, is reset by {@code exec}, so the command sees SIGINT as usual. If this process is ended (SIGTERM),
 * it ends the command too. Java has no public API for signals: {@code sun.misc.Signal} (module jdk.unsupported, kept
 * for exactly this) is the one way, at the price of a compiler warning.
 */
public final class ChildProcess {
    private ChildProcess() {
    }

    public static int run(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().clear();
        builder.environment().putAll(environment);
        sun.misc.Signal interrupt = new sun.misc.Signal("INT");
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(interrupt, signal -> {
            // the command decides what Ctrl-C means; we wait for it to end
        });
        try {
            Process process = start(builder, command.get(0));
            Thread endWithUs = new Thread(process::destroy, "cliauth-run-end-child");
            Runtime.getRuntime().addShutdownHook(endWithUs);
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
                throw new CliauthException(Failure.CANCELLED, "Cancelled while '" + command.get(0) + "' was running; it was ended.");
            } finally {
                removeHook(endWithUs);
            }
        } finally {
            sun.misc.Signal.handle(interrupt, previous);
        }
    }

    private static Process start(ProcessBuilder builder, String program) {
        try {
            return builder.start();
        } catch (IOException e) {
            String detail = String.valueOf(e.getMessage());
            String why = detail.contains("error=2,") ? "no such command (not found on PATH)"
                    : detail.contains("error=13,") ? "permission denied (is it executable?)"
                    : detail;
            throw new CliauthException(Failure.CONFIGURATION, "Cannot run '" + program + "': " + why + ".", e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs and ends the command
        }
    }
}
