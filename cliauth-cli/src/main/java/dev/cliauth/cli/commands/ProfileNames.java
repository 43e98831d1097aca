package dev.cliauth.cli.commands;

import java.util.Collections;
import java.util.Iterator;

/**
 * Marks {@code --profile} for completion: the generated script lists the saved profiles when the shell completes
 * ({@link CompletionCommand#withProfileNames}), as they are then, not as they were when the script was written.
 */
public final class ProfileNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Collections.emptyIterator();
    }
}
