package dev.cliauth.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A failure outside the protocol's normal outcomes, with a one-line message a person can act on.
 * Messages never contain a token, code, verifier or secret. Where the core knows the reason as a value, it is
 * {@link #problem()}, for front ends to word in their own terms.
 */
public final class CliauthException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Failure failure;
    private final transient Problem problem;

    public CliauthException(Failure failure, String message) {
        this(failure, message, null);
    }

    public CliauthException(Failure failure, String message, Throwable cause) {
        super(Objects.requireNonNull(message), cause);
        this.failure = Objects.requireNonNull(failure);
        this.problem = null;
    }

    /** A failure the core knows as a value; its message is the problem's plain statement. */
    public CliauthException(Problem problem) {
        super(problem.message());
        this.failure = problem.failure();
        this.problem = problem;
    }

    public Failure failure() {
        return failure;
    }

    /** The reason as a value, when the core knew it as one. */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }
}
