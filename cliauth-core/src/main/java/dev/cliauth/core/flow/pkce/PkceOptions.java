package dev.cliauth.core.flow.pkce;

/**
 * How a PKCE login reaches the person.
 *
 * @param openBrowser start a browser here (the URL is printed either way)
 * @param acceptPaste also accept the final redirect address pasted on the terminal: the person signed in on another
 *                    machine, whose browser could not reach this one's 127.0.0.1
 * @param sshPortHint print how to forward the loopback port over SSH instead
 * @param hints       what this sign-in asks besides the profile (account, step-up)
 */
public record PkceOptions(boolean openBrowser, boolean acceptPaste, boolean sshPortHint, dev.cliauth.core.flow.SignInHints hints) {
    public PkceOptions(boolean openBrowser, boolean acceptPaste, boolean sshPortHint) {
        this(openBrowser, acceptPaste, sshPortHint, dev.cliauth.core.flow.SignInHints.NONE);
    }
}
