package io.sluice.engine.job;

/** A savepoint cannot be taken now (the job is not running, does not checkpoint, or has one running): 409. */
public final class SavepointRefusedException extends RuntimeException {
    public SavepointRefusedException(String reason) {
        super(reason);
    }
}
