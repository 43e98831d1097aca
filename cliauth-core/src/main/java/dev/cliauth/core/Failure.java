package dev.cliauth.core;

/**
 * What kind of failure ended an operation. Each kind maps to exactly one exit code in the CLI
 * and tells the person what to do next; the message of the {@link CliauthException} carries the detail.
 */
public enum Failure {
    /** A profile, flag or file is missing or malformed: fix the configuration. */
    CONFIGURATION,
    /** There is no usable session (none stored, expired, or the refresh token was rejected): log in again. */
    LOGIN_REQUIRED,
    /** The login ran but did not succeed: the provider or the person said no, or the answer failed validation. */
    LOGIN_FAILED,
    /** Nobody completed the login in time. */
    TIMEOUT,
    /** The provider could not be reached or answered something that is not the protocol. */
    PROVIDER_UNAVAILABLE,
    /** The environment (for example a CI runner) or an administrator's policy forbids what was asked. */
    REFUSED,
    /** Local storage (files, keychain) could not be read or written. */
    STORAGE,
    /** The person cancelled (Ctrl-C, end of input). */
    CANCELLED
}
