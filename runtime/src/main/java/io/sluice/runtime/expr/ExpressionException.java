package io.sluice.runtime.expr;

/** An expression that does not parse, uses a forbidden construct, or fails while evaluating. */
public class ExpressionException extends RuntimeException {

    public ExpressionException(String message) {
        super(message);
    }

    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
