package io.sluice.engine.job;

import io.sluice.protocol.JobId;

/** The job has no savepoint request with this id: 404. */
public final class UnknownSavepointRequestException extends RuntimeException {
    public UnknownSavepointRequestException(JobId job, String requestId) {
        super("job " + job + " has no savepoint request " + requestId);
    }
}
