package io.sluice.engine.checkpoint;

import java.util.Optional;

/**
 * What aborting all checkpoints did.
 *
 * @param failed the checkpoint that was in flight: tell the tasks (if they still run) to drop it
 * @param droppedSavepoint a queued savepoint request that will not run: fail it towards the user
 */
public record AbortOutcome(Optional<CheckpointFailure> failed, Optional<CheckpointType.Savepoint> droppedSavepoint) {}
