package io.sluice.engine.checkpoint;

import java.util.List;

/**
 * Deletes the state of checkpoints the engine no longer needs. Incremental snapshots share files: a file written by
 * an old checkpoint stays while a retained checkpoint's snapshot chain lists it.
 */
@FunctionalInterface
public interface CheckpointDiscarder {

    /** Keeps all state: for tests, and where checkpoint storage is not reachable from the engine. */
    CheckpointDiscarder KEEP_ALL = (discarded, retained) -> {};

    /**
     * Deletes what {@code discarded} checkpoints wrote, except what a {@code retained} one references. Never throws:
     * state that cannot be deleted is left behind (and logged), it never fails a checkpoint or a job.
     */
    void discard(List<CompletedCheckpoint> discarded, List<CompletedCheckpoint> retained);
}
