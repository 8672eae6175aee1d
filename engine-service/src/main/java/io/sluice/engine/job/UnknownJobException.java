package io.sluice.engine.job;

/** No job with this id (or the id is not a job id at all). */
public final class UnknownJobException extends RuntimeException {
    public UnknownJobException(String jobId) {
        super("no job " + jobId);
    }
}
