package dev.cliauth.cli;

import dev.cliauth.core.Failure;

/** cliauth's exit codes: one per {@link Failure}, documented in {@code cliauth --help} and the README. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int LOGIN_REQUIRED = 3;
    public static final int LOGIN_FAILED = 4;
    public static final int TIMEOUT = 5;
    public static final int PROVIDER_UNAVAILABLE = 6;
    public static final int REFUSED = 7;
    public static final int CONFIGURATION = 8;
    public static final int STORAGE = 9;
    public static final int CANCELLED = 130;

    /** The help footer every command shows. */
    public static final String HELP = "%nExit codes:%n"
            + "  0    success%n"
            + "  1    unexpected internal error (please report it)%n"
            + "  2    invalid command line%n"
            + "  3    not signed in, or the session expired: run 'cliauth login'%n"
            + "  4    login failed: refused by the provider or the person, or failed validation%n"
            + "  5    timed out waiting for the sign-in%n"
            + "  6    the provider could not be reached or answered outside the protocol%n"
            + "  7    refused here (CI runner, or administrator policy)%n"
            + "  8    configuration error (profile, flags, port)%n"
            + "  9    local storage error%n"
            + "  130  cancelled%n";

    private ExitCode() {
    }

    public static int of(Failure failure) {
        return switch (failure) {
            case LOGIN_REQUIRED -> LOGIN_REQUIRED;
            case LOGIN_FAILED -> LOGIN_FAILED;
            case TIMEOUT -> TIMEOUT;
            case PROVIDER_UNAVAILABLE -> PROVIDER_UNAVAILABLE;
            case REFUSED -> REFUSED;
            case CONFIGURATION -> CONFIGURATION;
            case STORAGE -> STORAGE;
            case CANCELLED -> CANCELLED;
        };
    }
}
