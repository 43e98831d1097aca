package dev.cliauth.core.flow;

import java.util.Optional;

/** Lines the person types or pastes (the terminal's standard input); empty at end of input. Blocking. */
@FunctionalInterface
public interface LineSource {

    Optional<String> readLine();

    /** No input at all (a library user without a terminal, or tests). */
    static LineSource none() {
        return Optional::empty;
    }
}
