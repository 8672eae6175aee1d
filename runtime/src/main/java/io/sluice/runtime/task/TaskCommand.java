package io.sluice.runtime.task;

/** What the control plane asks of a running task; executed on the task thread between records. */
sealed interface TaskCommand {

    long checkpointId();

    /** A source snapshots checkpoint n and sends its barrier downstream. */
    record TriggerCheckpoint(long checkpointId, long timestamp) implements TaskCommand {}

    /** Checkpoint n completed on every task: operators may commit what they staged up to barrier n. */
    record NotifyCheckpointComplete(long checkpointId) implements TaskCommand {}

    /** The coordinator gave checkpoint n up: stop aligning it. */
    record AbortCheckpoint(long checkpointId) implements TaskCommand {}
}
