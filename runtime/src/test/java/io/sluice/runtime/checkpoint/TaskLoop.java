package io.sluice.runtime.checkpoint;

import io.sluice.runtime.StreamElement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The task loop's side of alignment: hands what the gate delivers to the aligner, and logs in order the values
 * of the records it processed and the events the aligner returned.
 */
final class TaskLoop {

    final FakeGate gate;
    final BarrierAligner aligner;
    final List<Object> log = new ArrayList<>();

    TaskLoop(int numberOfChannels, CheckpointingMode mode) {
        gate = new FakeGate(numberOfChannels);
        aligner = new BarrierAligner(numberOfChannels, mode, gate);
    }

    /** Handles the next element of {@code channel}; returns the aligner's events for it. */
    List<AlignmentEvent> deliver(int channel) {
        StreamElement element = gate.take(channel);
        List<AlignmentEvent> events = List.of();
        if (element instanceof StreamElement.Record record) {
            log.add(record.value());
        } else if (element instanceof StreamElement.CheckpointBarrier barrier) {
            events = aligner.onBarrier(channel, barrier);
        } else if (element instanceof StreamElement.EndOfInput) {
            events = aligner.onEndOfInput(channel);
        } else {
            throw new AssertionError("unexpected " + element);
        }
        log.addAll(events);
        return events;
    }

    List<AlignmentEvent> events() {
        return log.stream().filter(AlignmentEvent.class::isInstance).map(AlignmentEvent.class::cast).toList();
    }

    /** Values of the records processed before the snapshot of {@code checkpointId} was triggered. */
    Set<Object> recordsBeforeSnapshot(long checkpointId) {
        Set<Object> records = new HashSet<>();
        for (Object entry : log) {
            if (entry instanceof AlignmentEvent.TriggerSnapshot trigger && trigger.checkpointId() == checkpointId) {
                return records;
            }
            if (!(entry instanceof AlignmentEvent)) {
                records.add(entry);
            }
        }
        throw new AssertionError("checkpoint " + checkpointId + " was not snapshotted");
    }
}
