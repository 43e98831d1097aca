package dev.cliauth.core.flow;

/**
 * What a flow tells the person (URLs to open, progress, outcomes). The CLI writes it to stderr, so stdout stays
 * free for protocol output such as the token; a library user may show it anywhere. Whoever builds the production
 * objects wraps it in {@link TerminalText#cleaning(Terminal)} (or uses a {@link ConsoleTerminal}), so text a provider
 * supplied never reaches a person with control characters in it.
 */
public interface Terminal {

    void println(String line);

    /**
     * A line of progress that the next one replaces (the device flow's countdown). Where the terminal can rewrite a
     * line in place it does; everywhere else (a file, a pipe, a library's log) it is an ordinary line.
     */
    default void status(String line) {
        println(line);
    }
}
