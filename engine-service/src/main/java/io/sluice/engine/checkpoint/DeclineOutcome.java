package io.sluice.engine.checkpoint;

/** What a decline did. */
public sealed interface DeclineOutcome permits DeclineOutcome.Failed, IgnoredMessage {

    /** The checkpoint in flight failed (the job goes on): tell the tasks to drop it. */
    record Failed(CheckpointFailure failure) implements DeclineOutcome {}
}
