package io.sluice.engine.application;

import io.sluice.engine.job.JobStatus;
import java.util.Optional;

/** The exit code of an application-mode engine for its job's state: none until the job has ended. */
public final class ApplicationJob {

    private ApplicationJob() {}

    public static Optional<Integer> exitCode(JobStatus status) {
        return switch (status) {
            case FINISHED -> Optional.of(0);
            case FAILED -> Optional.of(1);
            case CANCELED -> Optional.of(2);
            default -> Optional.empty();
        };
    }
}
