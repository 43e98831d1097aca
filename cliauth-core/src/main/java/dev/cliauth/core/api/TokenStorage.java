package dev.cliauth.core.api;

/**
 * Where a {@link CliAuth} keeps sessions between runs, when the program does not give a
 * {@link dev.cliauth.core.token.TokenStore} of its own. Whatever is chosen, the administrator's policy
 * ({@code token_storage}) is honoured as the {@code cliauth} command honours it.
 */
public enum TokenStorage {
    /**
     * The OS keychain where one answers within a few seconds (Secret Service, macOS Keychain, Windows Credential
     * Manager), else private files, as the {@code cliauth} command does: the default. Sessions are shared with the
     * command under the same profile name. With {@code token_storage = "keychain"} in the policy and no keychain,
     * the first call fails with {@link dev.cliauth.core.Failure#REFUSED}.
     */
    KEYCHAIN_ELSE_FILE,
    /**
     * Private files only ({@code $XDG_STATE_HOME/cliauth/sessions/<profile>.json}, mode 0600). Refused
     * ({@link dev.cliauth.core.Failure#REFUSED}) where the policy requires the keychain.
     */
    FILE,
    /**
     * This {@link CliAuth} object only: no token is written anywhere and none outlives the process, so each run
     * signs in again. The profile's settings and its lock file are still written, as for any login.
     */
    MEMORY
}
