package dev.cliauth.core.flow;

/**
 * What a flow tells the person (URLs to open, progress, outcomes). The CLI writes it to stderr, so stdout stays
 * free for protocol output such as the token; a library user may show it anywhere.
 */
public interface Terminal {

    void println(String line);
}
