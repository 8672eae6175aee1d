package io.sluice.engine.checkpoint;

import java.util.Optional;

/**
 * What a tick decided; both may happen on the same tick.
 *
 * @param expired the checkpoint in flight that ran out of time: tell the tasks to drop it
 * @param trigger the checkpoint to start now: send it to the sources
 */
public record TickOutcome(Optional<CheckpointFailure> expired, Optional<CheckpointTrigger> trigger) {}
