package io.sluice.engine.checkpoint;

/** The answer to a savepoint request. */
public sealed interface SavepointOutcome {

    /** Started now: send the trigger to the sources. */
    record Triggered(CheckpointTrigger trigger) implements SavepointOutcome {}

    /** A periodic checkpoint is in flight: the savepoint starts on the first tick after it ends. */
    record Queued(long behindCheckpointId) implements SavepointOutcome {}

    /** Not taken; {@code reason} says why (another savepoint is outstanding, or checkpointing is stopped). */
    record Refused(String reason) implements SavepointOutcome {}
}
