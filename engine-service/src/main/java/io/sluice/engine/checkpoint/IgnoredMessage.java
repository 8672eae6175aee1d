package io.sluice.engine.checkpoint;

import io.sluice.protocol.TaskId;

/**
 * An acknowledgement or decline that changed nothing: late (its checkpoint is over), for a checkpoint never
 * triggered, from a task outside the job, or a duplicate. Normal after failures and timeouts; the caller logs it.
 */
public record IgnoredMessage(TaskId task, long checkpointId, String reason) implements AckOutcome, DeclineOutcome {}
