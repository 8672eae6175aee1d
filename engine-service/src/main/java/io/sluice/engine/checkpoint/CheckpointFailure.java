package io.sluice.engine.checkpoint;

import io.sluice.protocol.JobId;
import java.time.Instant;

/**
 * A checkpoint that will not complete. It does not fail the job: the caller tells the tasks to drop what they hold
 * for it (and fails the request of a savepoint), and the next checkpoint is triggered as usual.
 *
 * @param reason for people: "expired", "declined by &lt;task&gt;: &lt;why&gt;", or the reason given to abort
 */
public record CheckpointFailure(
        JobId jobId,
        long checkpointId,
        CheckpointType type,
        Instant triggerTimestamp,
        Instant failureTimestamp,
        Cause cause,
        String reason) {

    /** The reason of a checkpoint that timed out, as Flink words it. */
    public static final String EXPIRED = "expired";

    /** Kept apart from the text so that a failure policy (tolerable failures, later) can tell them apart. */
    public enum Cause {
        /** Not complete within the timeout. */
        EXPIRED,
        /** A task could not take its snapshot. */
        DECLINED,
        /** The job failed over or stopped while it was in flight. */
        ABORTED
    }
}
