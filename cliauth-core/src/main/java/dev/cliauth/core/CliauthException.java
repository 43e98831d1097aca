package dev.cliauth.core;

import java.util.Objects;

/**
 * A failure outside the protocol's normal outcomes, with a one-line message a person can act on.
 * Messages never contain a token, code, verifier or secret.
 */
public final class CliauthException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Failure failure;

    public CliauthException(Failure failure, String message) {
        this(failure, message, null);
    }

    public CliauthException(Failure failure, String message, Throwable cause) {
        super(Objects.requireNonNull(message), cause);
        this.failure = Objects.requireNonNull(failure);
    }

    public Failure failure() {
        return failure;
    }
}
