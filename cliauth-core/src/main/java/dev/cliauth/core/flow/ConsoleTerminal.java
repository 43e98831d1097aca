package dev.cliauth.core.flow;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * The command's terminal: lines on standard error, cleaned by {@link TerminalText}. Where standard error is a terminal,
 * a {@link #status} line is rewritten in place (carriage return, the text, then "erase to the end of the line",
 * ECMA-48 EL, {@code ESC [ K}); the next ordinary line erases it first. Elsewhere (a file, a pipe) a status is an
 * ordinary line, so a log keeps one line per update.
 *
 * <p>{@link #writer()} is standard error for everything else the command prints (its one-line errors, traces): the
 * same cleaning, and it too erases a status line before it writes.
 */
public final class ConsoleTerminal implements Terminal {
    /** ECMA-48 "erase in line" from the cursor to the end: what is left of a longer previous status goes. */
    static final String ERASE_TO_END = "\u001b[K";

    private final PrintWriter err;
    private final boolean inPlace;
    private final PrintWriter writer;
    private boolean statusShown; // guarded by err

    /**
     * @param err     standard error
     * @param inPlace whether standard error is a terminal that understands a carriage return and ESC [ K
     */
    public ConsoleTerminal(PrintWriter err, boolean inPlace) {
        this.err = Objects.requireNonNull(err);
        this.inPlace = inPlace;
        this.writer = new PrintWriter(new TerminalText.CleaningWriter(err) {
            @Override
            void before() {
                eraseStatus();
            }
        }, true);
    }

    @Override
    public void println(String line) {
        synchronized (err) {
            eraseStatus();
            err.println(TerminalText.clean(line));
            err.flush();
        }
    }

    @Override
    public void status(String line) {
        if (!inPlace) {
            println(line);
            return;
        }
        synchronized (err) {
            // one line only: a line break in the text would leave the carriage return on the wrong line
            err.print("\r" + TerminalText.clean(line).replace("\r\n", " ").replace('\n', ' ') + ERASE_TO_END);
            err.flush();
            statusShown = true;
        }
    }

    /** Standard error for any other text, cleaned the same way. */
    public PrintWriter writer() {
        return writer;
    }

    private void eraseStatus() {
        if (statusShown) {
            err.print("\r" + ERASE_TO_END);
            statusShown = false;
        }
    }
}
