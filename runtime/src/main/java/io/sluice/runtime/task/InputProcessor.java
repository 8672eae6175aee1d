package io.sluice.runtime.task;

import io.sluice.api.function.KeySelector;
import io.sluice.graph.JobGraph;
import io.sluice.protocol.ChannelSpec;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.InputGate;
import io.sluice.runtime.state.KeyedStateBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Hands what arrives on a task's input channels to its chain: records to the head operator's logical input of the
 * channel's edge (after setting the record's key when the head is keyed), combined watermarks
 * ({@link OperatorWatermarks}), and end of input per channel.
 */
final class InputProcessor implements InputGate.ElementHandler {

    private final OperatorChain chain;
    private final KeyedStateBackend keyedState;
    /** Null when the job is not checkpointed: then no barrier arrives. */
    private final CheckpointBarrierHandler barriers;
    /** Per input channel: the key selector of its edge (only when the head is keyed). */
    private final List<KeySelector<Object, Object>> keys;
    /** Per input channel: the logical input (edge input index) it feeds. */
    private final int[] inputOf;
    private final OperatorWatermarks watermarks;
    private final boolean[] ended;
    private int endedChannels;
    private long handled;

    /**
     * @param inputs the chain's input edges in plan order; each contributes one channel per upstream subtask
     * @param keyedState the keyed head's state, or null if the head is not keyed
     * @param barriers handles checkpoint barriers, or null when the job is not checkpointed
     */
    InputProcessor(JobGraph graph, OperatorChain chain, List<ChannelSpec> inputs, KeyedStateBackend keyedState,
            CheckpointBarrierHandler barriers, ClassLoader userClassLoader) {
        this.chain = chain;
        this.keyedState = keyedState;
        this.barriers = barriers;
        this.keys = new ArrayList<>();
        List<Integer> inputIndices = new ArrayList<>();
        for (ChannelSpec input : inputs) {
            KeySelector<Object, Object> key = keyedState == null ? null : keyOf(graph, input, userClassLoader);
            for (int upstream = 0; upstream < input.upstreamParallelism(); upstream++) {
                keys.add(key);
                inputIndices.add(input.edge().inputIndex());
            }
        }
        this.inputOf = inputIndices.stream().mapToInt(Integer::intValue).toArray();
        this.watermarks = new OperatorWatermarks(inputOf);
        this.ended = new boolean[keys.size()];
    }

    @Override
    public void accept(int channel, StreamElement element) throws Exception {
        handled++;
        if (element instanceof StreamElement.Record record) {
            if (keyedState != null) {
                keyedState.setCurrentKey(keys.get(channel).getKey(record.value()));
            }
            chain.processElement(inputOf[channel], record.value(), record.timestamp());
        } else if (element instanceof StreamElement.Watermark watermark) {
            forward(watermarks.onWatermark(channel, watermark.timestamp()));
        } else if (element instanceof StreamElement.CheckpointBarrier barrier) {
            onCheckpointBarrier(channel, barrier);
        } else {
            onEndOfInput(channel);
        }
    }

    /** True when every input channel has ended (also for a task without inputs). */
    boolean allEnded() {
        return endedChannels == ended.length;
    }

    /** Elements handled so far: lets the task tell a busy poll from an idle one. */
    long handled() {
        return handled;
    }

    /** The coordinator abandoned a checkpoint: stop aligning it. */
    void abortCheckpoint(long checkpointId) {
        if (barriers != null) {
            barriers.abort(checkpointId);
        }
    }

    /** A job without checkpointing has no coordinator to acknowledge to: its tasks let barriers pass unseen. */
    private void onCheckpointBarrier(int channel, StreamElement.CheckpointBarrier barrier) {
        if (barriers != null) {
            barriers.onBarrier(channel, barrier);
        }
    }

    private void onEndOfInput(int channel) throws Exception {
        if (!ended[channel]) {
            ended[channel] = true;
            endedChannels++;
            forward(watermarks.onEndOfInput(channel));
            if (barriers != null) {
                barriers.onEndOfInput(channel);
            }
        }
    }

    private void forward(OptionalLong combinedWatermark) throws Exception {
        if (combinedWatermark.isPresent()) {
            chain.processWatermark(combinedWatermark.getAsLong());
        }
    }

    private static KeySelector<Object, Object> keyOf(JobGraph graph, ChannelSpec input, ClassLoader userClassLoader) {
        if (input.edge().key() == null) {
            throw new IllegalArgumentException("keyed operator " + input.edge().target()
                    + " is fed by a " + input.edge().partitioning() + " edge without a key");
        }
        return EdgeKeys.of(graph, input.edge(), userClassLoader);
    }
}
