package io.sluice.engine.job;

import io.sluice.protocol.JobId;

/** The job already reached a terminal status, so the request (e.g. cancel) no longer applies. */
public final class JobAlreadyTerminalException extends RuntimeException {
    public JobAlreadyTerminalException(JobId jobId, JobStatus status) {
        super("job " + jobId + " is already " + status);
    }
}
