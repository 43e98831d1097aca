package dev.cliauth.core.testing;

import dev.cliauth.core.flow.Terminal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A terminal that keeps what it is told: ordinary lines, and status lines (which a real terminal may rewrite) apart. */
public final class RecordingTerminal implements Terminal {
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    public final List<String> statuses = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void println(String line) {
        lines.add(line);
    }

    @Override
    public void status(String line) {
        statuses.add(line);
    }
}
