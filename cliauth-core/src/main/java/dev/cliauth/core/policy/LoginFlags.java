package dev.cliauth.core.policy;

/**
 * What the person asked for on the command line, as far as the flow decision goes.
 *
 * @param device      {@code --device}: use the device authorization grant
 * @param openBrowser whether a browser may be opened ({@code --no-browser} or a saved profile setting turns it off)
 */
public record LoginFlags(boolean device, boolean openBrowser) {
}
