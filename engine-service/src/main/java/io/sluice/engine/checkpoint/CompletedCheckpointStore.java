package io.sluice.engine.checkpoint;

import java.util.List;
import java.util.Optional;

/**
 * The completed checkpoints and savepoints of one job, kept where an engine restart finds them: what a restore
 * starts from. Periodic checkpoints beyond the retained number are subsumed, and the caller deletes their state;
 * savepoints belong to the user and are never subsumed. Implementations need not be thread-safe: the coordinator
 * calls them from its thread.
 */
public interface CompletedCheckpointStore {

    /**
     * Adds a checkpoint newer than every stored one, then subsumes the oldest periodic checkpoints until at most
     * {@code retainedCheckpoints} periodic ones are left.
     *
     * @return the subsumed checkpoints, oldest first: their state is no longer needed
     * @throws IllegalArgumentException if the checkpoint is not newer than the stored ones, or of another job
     */
    List<CompletedCheckpoint> add(CompletedCheckpoint checkpoint, int retainedCheckpoints);

    /** The newest checkpoint or savepoint: where a failover restores from. */
    Optional<CompletedCheckpoint> latest();

    /** Every retained checkpoint and savepoint, oldest first. */
    List<CompletedCheckpoint> all();
}
