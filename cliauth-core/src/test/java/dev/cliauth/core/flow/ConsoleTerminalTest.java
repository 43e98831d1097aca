package dev.cliauth.core.flow;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleTerminalTest {
    private final StringWriter out = new StringWriter();
    private final PrintWriter err = new PrintWriter(out);

    @Test
    void onATerminalAStatusIsRewrittenInPlaceAndTheNextLineErasesIt() {
        ConsoleTerminal terminal = new ConsoleTerminal(err, true);

        terminal.status("Waiting for approval... 9m 55s left");
        terminal.status("Waiting for approval... 9m 50s left");
        terminal.println("Signed in as demo");

        assertThat(out.toString()).isEqualTo("\rWaiting for approval... 9m 55s left\u001b[K"
                + "\rWaiting for approval... 9m 50s left\u001b[K"
                + "\r\u001b[K" + "Signed in as demo" + System.lineSeparator());
    }

    @Test
    void elsewhereEachStatusIsALine() {
        ConsoleTerminal terminal = new ConsoleTerminal(err, false);

        terminal.status("Waiting for approval... 9m 55s left");
        terminal.status("Waiting for approval... 9m 50s left");

        assertThat(out.toString()).isEqualTo("Waiting for approval... 9m 55s left" + System.lineSeparator()
                + "Waiting for approval... 9m 50s left" + System.lineSeparator());
    }

    @Test
    void aProviderCannotBreakTheStatusLineOrWriteControls() {
        ConsoleTerminal terminal = new ConsoleTerminal(err, true);

        terminal.status("left\n\u001b[1Aup\u202e");

        assertThat(out.toString()).isEqualTo("\rleft [1Aup\u001b[K");
    }

    @Test
    void theWriterForOtherTextIsCleanedAndErasesAStatusFirst() {
        ConsoleTerminal terminal = new ConsoleTerminal(err, true);

        terminal.status("Waiting for approval... 5s left");
        terminal.writer().println("cliauth: Sign-in failed: access_denied: \u001b]52;c;eA==\u0007no");

        assertThat(out.toString()).isEqualTo("\rWaiting for approval... 5s left\u001b[K" + "\r\u001b[K"
                + "cliauth: Sign-in failed: access_denied: ]52;c;eA==no" + System.lineSeparator());
    }

    @Test
    void linesAreCleaned() {
        new ConsoleTerminal(err, false).println("Signed in as \u009b2Jroot\u2066");

        assertThat(out.toString()).isEqualTo("Signed in as 2Jroot" + System.lineSeparator());
    }
}
