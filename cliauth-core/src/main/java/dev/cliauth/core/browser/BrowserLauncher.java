package dev.cliauth.core.browser;

import java.net.URI;

/** Opens a URL for the person. */
public interface BrowserLauncher {

    /** Tries to open {@code url}; returns whether a browser was started (the URL is printed either way). */
    boolean open(URI url);
}
