package io.sluice.engine.jar;

/**
 * A jar request the engine refuses; the REST layer answers with {@link #status()} and the message (which names
 * the offending field where there is one).
 */
public class JarException extends RuntimeException {

    /** Why: each kind has its own HTTP status. */
    public enum Kind {
        /** 400: not a jar, no such entry class, ... */
        INVALID(400),
        /** 404: no jar with that id. */
        UNKNOWN(404),
        /** 413: over the configured size limit. */
        TOO_LARGE(413);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String field;

    public JarException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static JarException invalid(String field, String message) {
        return new JarException(Kind.INVALID, field, message);
    }

    public static JarException unknown(String jarId) {
        return new JarException(Kind.UNKNOWN, "jarid", "no jar with id " + jarId);
    }

    public int status() {
        return kind.status();
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
