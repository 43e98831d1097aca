package dev.cliauth.core.flow;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text made safe to show on a terminal. Providers supply much of what cliauth shows a person ({@code error_description},
 * user names, device-flow verification URIs, page titles, anything quoted in an error message), and a terminal obeys
 * control characters in it: an ESC sequence can clear the screen, rewrite lines that are already shown, or set the
 * clipboard (OSC 52); a bidi override (U+202E) makes a URL read as another one (CVE-2021-42574, "Trojan Source").
 *
 * <p>So every such character is taken out: C0 controls and DEL, except a newline (a carriage return only as part of a
 * CR LF pair, never alone, where it would rewrite the line); a tab becomes a space; C1 controls (U+0080–U+009F, which
 * some terminals read as ESC sequences: U+009B is CSI); every format character (Unicode category Cf: the bidi embeddings,
 * overrides and isolates U+202A–U+202E and U+2066–U+2069, marks such as U+200E, zero-width characters, U+FEFF);
 * the line and paragraph separators U+2028 and U+2029 (as spaces); unpaired surrogates. This class is the one place
 * that does it: the CLI's terminal and standard error go through it, and the library wraps any terminal it is given.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code text} without control and format characters (see the class comment); null stays null. */
    public static String clean(String text) {
        if (text == null || isClean(text)) {
            return text; // the common case allocates nothing
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (c == '\r' && next < text.length() && text.charAt(next) == '\n') {
                out.append('\r');
            } else if (c == '\t' || c == '\u2028' || c == '\u2029') {
                out.append(' ');
            } else if (c == '\n' || !unsafe(c)) {
                out.appendCodePoint(c);
            }
            i = next;
        }
        return out.toString();
    }

    /** A terminal that cleans every line before {@code terminal} shows it. */
    public static Terminal cleaning(Terminal terminal) {
        if (terminal instanceof Cleaning || terminal instanceof ConsoleTerminal) {
            return terminal;
        }
        return new Cleaning(terminal);
    }

    /** A writer that cleans everything written through it before {@code out} gets it (human-readable output). */
    public static PrintWriter cleaning(Writer out) {
        return new PrintWriter(new CleaningWriter(out), true);
    }

    private static boolean isClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? c != '\n' : c >= 0x7f && (c <= 0x9f || unsafe(c) || c == '\u2028' || c == '\u2029'
                    || Character.isSurrogate(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean unsafe(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
    }

    private record Cleaning(Terminal terminal) implements Terminal {
        @Override
        public void println(String line) {
            terminal.println(clean(line));
        }

        @Override
        public void status(String line) {
            terminal.status(clean(line));
        }
    }

    /** Cleans each chunk; PrintWriter hands over whole strings, so a CR LF pair or a surrogate pair is not split. */
    static class CleaningWriter extends FilterWriter {
        CleaningWriter(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            write(String.valueOf((char) c), 0, 1);
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            write(new String(chars, offset, length), 0, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            if (length > 0) {
                synchronized (lock) {
                    before();
                    out.write(clean(text.substring(offset, offset + length)));
                }
            }
        }

        /** Called before each chunk reaches the underlying writer, holding the lock of that writer. */
        void before() {
        }
    }
}
