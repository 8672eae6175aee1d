package io.sluice.runtime.checkpoint;

import io.sluice.runtime.StreamElement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Decides when a task with several input channels snapshots a checkpoint (asynchronous barrier snapshots,
 * Chandy-Lamport for DAGs with FIFO channels).
 *
 * <p>Exactly once: after barrier n on a channel, that channel is paused until every channel that has not ended
 * delivered barrier n; then the task is told to snapshot n and every paused channel is resumed. The channel that
 * completes the alignment is never paused. Records and watermarks never pass through here: a paused channel keeps
 * them in the transport (a paused Kafka partition), so alignment holds no buffers and no memory.
 *
 * <p>At least once: nothing is paused, so fast channels run ahead and barriers of several checkpoints are tracked
 * at once; a checkpoint is snapshotted when its last barrier arrives.
 *
 * <p>In both modes: channels are FIFO, so a channel that delivers barrier m without having delivered barrier n &lt; m
 * proves its upstream skipped n, which can then never complete: n is aborted ({@link AbortReason#SUBSUMED}), its
 * paused channels resumed, and m aligned instead (Flink does the same). A channel that ended counts as having
 * delivered every barrier. Barriers of a checkpoint already snapshotted, aborted or subsumed are ignored, as are
 * duplicates; but exactly once, a barrier from a paused channel fails loudly, as the gate is not honouring pause().
 * The coordinator may {@link #abort} a checkpoint. The returned events say what the task must do; the task acts on
 * them before it handles the gate's next element (resumed channels deliver only after that, so the snapshot still
 * comes first).
 *
 * <p>Threading: not thread-safe; used by the task thread only.
 */
public final class BarrierAligner {

    private final int numberOfChannels;
    private final CheckpointingMode mode;
    private final ChannelControl channels;
    private final BitSet ended = new BitSet();
    private final BitSet paused = new BitSet();
    /** Checkpoints whose barriers have started to arrive, oldest first; at most one when exactly once. */
    private final NavigableMap<Long, Pending> pending = new TreeMap<>();
    /** Newest checkpoint seen in a barrier or an abort: a barrier not newer than it starts nothing. */
    private long latestCheckpointId = Long.MIN_VALUE;

    /** Barriers of one checkpoint that arrived so far. */
    private static final class Pending {
        final long checkpointId;
        final long timestamp;
        final String savepointDirectory;
        final BitSet arrived = new BitSet();

        Pending(StreamElement.CheckpointBarrier barrier) {
            this.checkpointId = barrier.checkpointId();
            this.timestamp = barrier.timestamp();
            this.savepointDirectory = barrier.savepointDirectory();
        }
    }

    /** @param channels pauses and resumes the task's input channels 0..numberOfChannels-1 */
    public BarrierAligner(int numberOfChannels, CheckpointingMode mode, ChannelControl channels) {
        if (numberOfChannels < 1) {
            throw new IllegalArgumentException("a task aligns barriers over at least one channel: " + numberOfChannels);
        }
        this.numberOfChannels = numberOfChannels;
        this.mode = mode;
        this.channels = channels;
    }

    /** Barrier {@code barrier.checkpointId()} arrived on {@code channel}. */
    public List<AlignmentEvent> onBarrier(int channel, StreamElement.CheckpointBarrier barrier) {
        checkChannel(channel);
        if (ended.get(channel)) {
            throw new IllegalStateException("barrier " + barrier.checkpointId() + " on channel " + channel
                    + " after its end of input");
        }
        if (paused.get(channel)) {
            // Records after the barrier would have slipped into the snapshot too: exactly-once is already lost.
            throw new IllegalStateException("barrier " + barrier.checkpointId() + " on paused channel " + channel
                    + ": the input gate does not honour pause()");
        }
        long checkpointId = barrier.checkpointId();
        List<AlignmentEvent> events = new ArrayList<>();
        abortSkipped(channel, checkpointId, events);
        Pending checkpoint = pending.get(checkpointId);
        if (checkpoint == null) {
            if (checkpointId <= latestCheckpointId) {
                return events;
            }
            latestCheckpointId = checkpointId;
            checkpoint = new Pending(barrier);
            pending.put(checkpointId, checkpoint);
        }
        checkpoint.arrived.set(channel);
        completeReady(events);
        if (mode == CheckpointingMode.EXACTLY_ONCE && pending.containsKey(checkpointId)) {
            paused.set(channel);
            channels.pause(channel);
        }
        return events;
    }

    /** {@code channel} ended: it delivers no more barriers, so no checkpoint waits for it any longer. */
    public List<AlignmentEvent> onEndOfInput(int channel) {
        checkChannel(channel);
        List<AlignmentEvent> events = new ArrayList<>();
        if (!ended.get(channel)) {
            ended.set(channel);
            completeReady(events);
        }
        return events;
    }

    /**
     * The coordinator abandoned {@code checkpointId} (expired, declined elsewhere): stop aligning it and resume
     * what it paused. Its barriers arriving later are ignored, also when none has arrived yet.
     */
    public List<AlignmentEvent> abort(long checkpointId, AbortReason reason) {
        List<AlignmentEvent> events = new ArrayList<>();
        if (pending.remove(checkpointId) != null) {
            events.add(new AlignmentEvent.AlignmentAborted(checkpointId, reason));
            resumeWhenIdle();
        }
        latestCheckpointId = Math.max(latestCheckpointId, checkpointId);
        return events;
    }

    /**
     * Aborts the pending checkpoints older than the barrier that {@code channel} did not deliver. Exactly once, that
     * is every older one, since a channel that delivered one is paused and delivers nothing more while it aligns.
     */
    private void abortSkipped(int channel, long checkpointId, List<AlignmentEvent> events) {
        Iterator<Pending> older = pending.headMap(checkpointId, false).values().iterator();
        while (older.hasNext()) {
            Pending checkpoint = older.next();
            if (!checkpoint.arrived.get(channel)) {
                events.add(new AlignmentEvent.AlignmentAborted(checkpoint.checkpointId, AbortReason.SUBSUMED));
                older.remove();
            }
        }
        resumeWhenIdle();
    }

    /**
     * Triggers every complete checkpoint, oldest first. An older one is never left incomplete behind a complete
     * one: every channel that delivered the newer barrier either delivered the older one too or, having skipped it,
     * had it aborted.
     */
    private void completeReady(List<AlignmentEvent> events) {
        Iterator<Pending> open = pending.values().iterator();
        while (open.hasNext()) {
            Pending checkpoint = open.next();
            if (isComplete(checkpoint)) {
                events.add(new AlignmentEvent.TriggerSnapshot(
                        checkpoint.checkpointId, checkpoint.timestamp, checkpoint.savepointDirectory));
                open.remove();
            }
        }
        resumeWhenIdle();
    }

    private boolean isComplete(Pending checkpoint) {
        for (int channel = 0; channel < numberOfChannels; channel++) {
            if (!checkpoint.arrived.get(channel) && !ended.get(channel)) {
                return false;
            }
        }
        return true;
    }

    /** Channels stay paused only while a checkpoint aligns. */
    private void resumeWhenIdle() {
        if (!pending.isEmpty()) {
            return;
        }
        for (int channel = paused.nextSetBit(0); channel >= 0; channel = paused.nextSetBit(channel + 1)) {
            channels.resume(channel);
        }
        paused.clear();
    }

    private void checkChannel(int channel) {
        if (channel < 0 || channel >= numberOfChannels) {
            throw new IndexOutOfBoundsException("channel " + channel + " of " + numberOfChannels);
        }
    }
}
