package io.sluice.runtime.task;

import io.sluice.runtime.io.InputGate;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Keeps a task's input channels from growing without bound: the channel positions of each checkpoint's barrier are
 * noted, and when that checkpoint completes, the gate may discard what lies before them. Failover restores the
 * latest completed checkpoint, whose positions are never behind these. Task thread only.
 */
final class ChannelTruncation {

    /** Checkpoints that never complete (declined, timed out) are forgotten beyond this many. */
    static final int MAX_PENDING = 16;

    private final InputGate gate;
    private final NavigableMap<Long, List<Long>> positionsAtBarrier = new TreeMap<>();

    ChannelTruncation(InputGate gate) {
        this.gate = gate;
    }

    void barrier(long checkpointId, List<Long> channelPositions) {
        positionsAtBarrier.put(checkpointId, List.copyOf(channelPositions));
        if (positionsAtBarrier.size() > MAX_PENDING) {
            positionsAtBarrier.pollFirstEntry();
        }
    }

    /** Checkpoint n completed: older pending ones are subsumed. */
    void completed(long checkpointId) {
        List<Long> positions = positionsAtBarrier.get(checkpointId);
        positionsAtBarrier.headMap(checkpointId, true).clear();
        if (positions != null) {
            gate.discardBefore(positions);
        }
    }
}
