package io.sluice.engine.jar;

/**
 * The entry class of a jar did not give a job graph: it threw, ran past the time limit, or ended without
 * building a job. Carries what the program printed.
 */
public final class ProgramException extends RuntimeException {

    private final String output;

    public ProgramException(String message, String output, Throwable cause) {
        super(message, cause);
        this.output = output;
    }

    /** What the program wrote to System.out and System.err before it failed (bounded). */
    public String output() {
        return output;
    }
}
