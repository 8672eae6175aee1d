package io.sluice.runtime.task;

/** What the control plane asks of a running task; executed on the task thread between records. */
sealed interface TaskCommand {

    /**
     * A source snapshots checkpoint n and sends its barrier downstream.
     *
     * @param savepointDirectory where a savepoint goes; null for a checkpoint
     * @param stopSource stop with savepoint: emit nothing after the barrier, wait for {@link FinishSource}
     */
    record TriggerCheckpoint(long checkpointId, long timestamp, String savepointDirectory, boolean stopSource)
            implements TaskCommand {}

    /** Stop with savepoint: the final savepoint completed; the source ends its input. */
    record FinishSource() implements TaskCommand {}

    /** Checkpoint n completed on every task: operators may commit what they staged up to barrier n. */
    record NotifyCheckpointComplete(long checkpointId) implements TaskCommand {}

    /** The coordinator gave checkpoint n up: stop aligning it. */
    record AbortCheckpoint(long checkpointId) implements TaskCommand {}
}
