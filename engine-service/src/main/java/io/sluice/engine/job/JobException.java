package io.sluice.engine.job;

import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import java.time.Instant;
import java.util.Optional;

/**
 * One failure of a job, for its exception history.
 *
 * @param cause what happened, with the worker's failure text (stack trace root first)
 * @param task the failed task, if one task failed (not for a lost worker, which may have held several)
 * @param location the worker where it happened, if known
 */
public record JobException(Instant timestamp, String cause, Optional<TaskId> task, Optional<WorkerId> location) {}
