package dev.cliauth.core.flow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cliauth.core.testing.RecordingTerminal;

import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x00, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9d, 0x9f, // C0, DEL, C1 (CSI, OSC)
            0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,                    // bidi embeddings, overrides, isolates
            0x200b, 0x200e, 0x200f, 0x00ad, 0x061c, 0x2060, 0xfeff, 0xfff9, 0xe0001, 0xe0041})          // other format characters, tags
    void controlAndFormatCharactersAreTakenOut(int codePoint) {
        String text = "ab" + new String(Character.toChars(codePoint)) + "cd";
        assertThat(TerminalText.clean(text)).isEqualTo("abcd");
    }

    @Test
    void escapeSequencesLoseTheirEscapeAndSoTheirPower() {
        String osc52 = "\u001b]52;c;ZWNobyBwd25lZA==\u0007";
        assertThat(TerminalText.clean("denied" + osc52 + "\u001b[2J\u001b[1A")).isEqualTo("denied]52;c;ZWNobyBwd25lZA==[2J[1A")
                .doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void aNewlineStaysACarriageReturnOnlyBeforeOne() {
        assertThat(TerminalText.clean("one\ntwo")).isEqualTo("one\ntwo");
        assertThat(TerminalText.clean("one\r\ntwo")).isEqualTo("one\r\ntwo");
        assertThat(TerminalText.clean("Signed in as bob\rSigned in as admin")).isEqualTo("Signed in as bobSigned in as admin");
        assertThat(TerminalText.clean("end\r")).isEqualTo("end");
    }

    @Test
    void tabsAndUnicodeLineSeparatorsBecomeSpaces() {
        assertThat(TerminalText.clean("a\tb\u2028c\u2029d")).isEqualTo("a b c d");
    }

    @Test
    void printableTextOfAnyScriptIsKept() {
        String text = "Jürgen Ærøskøbing — 東京 🙂";
        assertThat(TerminalText.clean(text)).isEqualTo(text);
        assertThat(TerminalText.clean(text + " \u200f")).isEqualTo(text + " ");
        String plain = "Signed in as demo to http://127.0.0.1:8180/realms/open";
        assertThat(TerminalText.clean(plain)).isSameAs(plain);
        assertThat(TerminalText.clean(null)).isNull();
    }

    @Test
    void anUnpairedSurrogateIsTakenOut() {
        assertThat(TerminalText.clean("a\ud83db")).isEqualTo("ab");
    }

    @Test
    void aCleaningTerminalCleansLinesAndStatusesAlike() {
        RecordingTerminal raw = new RecordingTerminal();
        Terminal terminal = TerminalText.cleaning(raw);
        terminal.println("user \u202Egnp.exe");
        terminal.status("left \u001b[2J");

        assertThat(raw.lines).containsExactly("user gnp.exe");
        assertThat(raw.statuses).containsExactly("left [2J");
        assertThat(TerminalText.cleaning(terminal)).isSameAs(terminal);
    }

    @Test
    void aCleaningWriterCleansEverythingWrittenThroughIt() {
        StringWriter out = new StringWriter();
        var writer = TerminalText.cleaning(out);
        writer.println("Signed in: yes, as \u001b]52;c;eA==\u0007bob");
        writer.printf("%s|%s%n", "\u009bjoe", "x");

        assertThat(out.toString()).isEqualTo("Signed in: yes, as ]52;c;eA==bob" + System.lineSeparator() + "joe|x" + System.lineSeparator());
    }
}
