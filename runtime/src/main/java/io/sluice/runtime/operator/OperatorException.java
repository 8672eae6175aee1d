package io.sluice.runtime.operator;

/**
 * Carries a checked exception of a downstream operator through {@link Output#collect}, which cannot throw one.
 * The task unwraps it, so a job fails with the user's exception.
 */
public final class OperatorException extends RuntimeException {

    public OperatorException(Exception cause) {
        super(cause.getMessage(), cause);
    }

    /** Rethrows RuntimeExceptions as they are and wraps checked ones. */
    public static RuntimeException wrap(Exception e) {
        return e instanceof RuntimeException runtime ? runtime : new OperatorException(e);
    }

    /** The exception to report: the wrapped one if {@code e} is an OperatorException. */
    public static Exception unwrap(Exception e) {
        return e instanceof OperatorException && e.getCause() instanceof Exception cause ? cause : e;
    }
}
