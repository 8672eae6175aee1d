package io.sluice.runtime.task;

import io.sluice.graph.CheckpointingConfig;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.checkpoint.AbortReason;
import io.sluice.runtime.checkpoint.AlignmentEvent;
import io.sluice.runtime.checkpoint.BarrierAligner;
import io.sluice.runtime.checkpoint.ChannelControl;
import io.sluice.runtime.checkpoint.CheckpointingMode;
import io.sluice.runtime.io.InputGate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Barriers on a task's input channels: aligned by the {@link BarrierAligner} (pausing channels of the gate when
 * exactly once), and a snapshot taken by the {@link SubtaskCheckpointer} when a checkpoint's barriers are all in.
 */
final class CheckpointBarrierHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointBarrierHandler.class);

    private final BarrierAligner aligner;
    private final SubtaskCheckpointer checkpointer;

    CheckpointBarrierHandler(InputGate gate, CheckpointingConfig.Mode mode, SubtaskCheckpointer checkpointer) {
        CheckpointingMode alignment = mode == CheckpointingConfig.Mode.EXACTLY_ONCE
                ? CheckpointingMode.EXACTLY_ONCE
                : CheckpointingMode.AT_LEAST_ONCE;
        this.aligner = new BarrierAligner(
                gate.numberOfChannels(), alignment, ChannelControl.of(gate::pause, gate::resume));
        this.checkpointer = checkpointer;
    }

    void onBarrier(int channel, StreamElement.CheckpointBarrier barrier) {
        LOG.debug("barrier {} on channel {}", barrier.checkpointId(), channel);
        act(aligner.onBarrier(channel, barrier));
    }

    void onEndOfInput(int channel) {
        act(aligner.onEndOfInput(channel));
    }

    /** The coordinator abandoned the checkpoint. */
    void abort(long checkpointId) {
        act(aligner.abort(checkpointId, AbortReason.DECLINED));
    }

    private void act(List<AlignmentEvent> events) {
        for (AlignmentEvent event : events) {
            if (event instanceof AlignmentEvent.TriggerSnapshot snapshot) {
                checkpointer.checkpoint(snapshot.checkpointId(), snapshot.timestamp(), snapshot.savepointDirectory());
            } else if (event instanceof AlignmentEvent.AlignmentAborted aborted
                    && aborted.reason() == AbortReason.SUBSUMED) {
                checkpointer.decline(aborted.checkpointId(), "an upstream task skipped checkpoint "
                        + aborted.checkpointId() + " (subsumed by a newer barrier)");
            }
        }
    }
}
