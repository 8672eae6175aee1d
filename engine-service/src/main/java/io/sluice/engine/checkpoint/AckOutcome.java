package io.sluice.engine.checkpoint;

import java.util.List;

/** What an acknowledgement did. */
public sealed interface AckOutcome permits AckOutcome.Recorded, AckOutcome.Completed, IgnoredMessage {

    /** Taken; the checkpoint still waits for {@code remaining} tasks. Nothing to do. */
    record Recorded(long checkpointId, int remaining) implements AckOutcome {}

    /**
     * The last acknowledgement: the checkpoint is complete and stored. Tell every task (sinks commit what they staged
     * for it) and delete the state of the {@code subsumed} checkpoints, which the store no longer holds.
     */
    record Completed(CompletedCheckpoint checkpoint, List<CompletedCheckpoint> subsumed) implements AckOutcome {
        public Completed {
            subsumed = List.copyOf(subsumed);
        }
    }
}
