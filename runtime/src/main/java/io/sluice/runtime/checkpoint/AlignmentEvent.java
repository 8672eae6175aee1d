package io.sluice.runtime.checkpoint;

import java.util.Objects;

/** What the task must do after the {@link BarrierAligner} saw a barrier, an end of input or an abort. */
public sealed interface AlignmentEvent {

    long checkpointId();

    /**
     * Every input channel delivered barrier {@code checkpointId} (or ended): snapshot the chain's state now, then
     * forward the barrier downstream and acknowledge the checkpoint.
     *
     * @param timestamp the barrier's timestamp, as the coordinator set it when it triggered the checkpoint
     * @param savepointDirectory the barrier's savepoint directory; null for a checkpoint
     */
    record TriggerSnapshot(long checkpointId, long timestamp, String savepointDirectory) implements AlignmentEvent {

        /** For a checkpoint. */
        public TriggerSnapshot(long checkpointId, long timestamp) {
            this(checkpointId, timestamp, null);
        }
    }

    /**
     * The task stopped aligning {@code checkpointId} and takes no snapshot of it. For {@link AbortReason#SUBSUMED}
     * the task should decline it to the coordinator; the other reasons came from the coordinator.
     */
    record AlignmentAborted(long checkpointId, AbortReason reason) implements AlignmentEvent {
        public AlignmentAborted {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
