package io.sluice.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.runtime.StreamElement;
import io.sluice.runtime.checkpoint.AlignmentEvent.AlignmentAborted;
import io.sluice.runtime.checkpoint.AlignmentEvent.TriggerSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BarrierAlignerTest {

    private static final StreamElement END = StreamElement.EndOfInput.INSTANCE;

    private static StreamElement.CheckpointBarrier barrier(long id) {
        return new StreamElement.CheckpointBarrier(id, timestampOf(id));
    }

    private static long timestampOf(long checkpointId) {
        return 1_000 + checkpointId;
    }

    private static TriggerSnapshot snapshot(long id) {
        return new TriggerSnapshot(id, timestampOf(id));
    }

    private static StreamElement record(String value) {
        return new StreamElement.Record(value, StreamElement.NO_TIMESTAMP);
    }

    @Test
    void everyArrivalOrderOfThreeChannelsSnapshotsOnceAfterTheLastBarrier() {
        List<List<Integer>> orders = permutations(List.of(0, 1, 2));
        assertThat(orders).hasSize(6);
        for (List<Integer> order : orders) {
            TaskLoop task = new TaskLoop(3, CheckpointingMode.EXACTLY_ONCE);
            for (int channel = 0; channel < 3; channel++) {
                task.gate.add(channel, record("before-" + channel), barrier(1), record("after-" + channel), END);
            }
            List<Integer> delivered = new ArrayList<>();
            for (int channel : order) {
                assertThat(task.deliver(channel)).as("record, order %s", order).isEmpty();
                List<AlignmentEvent> events = task.deliver(channel);
                delivered.add(channel);
                if (delivered.size() < 3) {
                    assertThat(events).as("order %s", order).isEmpty();
                    assertThat(task.gate.paused()).as("order %s", order).isEqualTo(Set.copyOf(delivered));
                } else {
                    assertThat(events).as("order %s", order).containsExactly(snapshot(1));
                    assertThat(task.gate.paused()).as("order %s", order).isEmpty();
                }
            }
            assertThat(task.gate.calls.subList(0, 2)).as("order %s", order)
                    .containsExactly("pause " + order.get(0), "pause " + order.get(1));
            assertThat(task.gate.calls.subList(2, task.gate.calls.size())).as("order %s", order)
                    .containsExactlyInAnyOrder("resume " + order.get(0), "resume " + order.get(1));
            for (int channel : order) {
                task.deliver(channel);
                task.deliver(channel);
            }
            assertThat(task.gate.isDrained()).isTrue();
            assertThat(task.events()).as("order %s", order).containsExactly(snapshot(1));
            assertThat(task.recordsBeforeSnapshot(1)).as("order %s", order)
                    .containsExactlyInAnyOrder("before-0", "before-1", "before-2");
        }
    }

    @Test
    void recordsOnChannelsNotYetAlignedKeepFlowing() {
        TaskLoop task = new TaskLoop(3, CheckpointingMode.EXACTLY_ONCE);
        task.gate.add(0, barrier(1), record("a0"))
                .add(1, record("r1"), record("r2"), barrier(1), record("a1"))
                .add(2, record("r3"), barrier(1));

        task.deliver(0);
        assertThat(task.gate.deliverable()).containsExactly(1, 2);
        task.deliver(1);
        task.deliver(2);
        task.deliver(1);
        task.deliver(1);
        assertThat(task.gate.deliverable()).containsExactly(2);
        task.deliver(2);
        task.deliver(0);
        task.deliver(1);

        assertThat(task.log).containsExactly("r1", "r3", "r2", snapshot(1), "a0", "a1");
        assertThat(task.gate.calls).containsExactly("pause 0", "pause 1", "resume 0", "resume 1");
    }

    @Test
    void aSingleChannelSnapshotsAtOnceWithoutPausing() {
        TaskLoop task = new TaskLoop(1, CheckpointingMode.EXACTLY_ONCE);
        task.gate.add(0, record("x"), barrier(1), record("y"), barrier(2));

        task.deliver(0);
        assertThat(task.deliver(0)).containsExactly(snapshot(1));
        task.deliver(0);
        assertThat(task.deliver(0)).containsExactly(snapshot(2));
        assertThat(task.gate.calls).isEmpty();
    }

    @Test
    void aNewerBarrierAbortsTheAlignmentAndAlignsTheNewerCheckpoint() {
        TaskLoop task = new TaskLoop(3, CheckpointingMode.EXACTLY_ONCE);
        task.gate.add(0, barrier(1), barrier(2)).add(1, barrier(2)).add(2, barrier(1), barrier(2));

        assertThat(task.deliver(0)).isEmpty();
        assertThat(task.deliver(1)).containsExactly(new AlignmentAborted(1, AbortReason.SUBSUMED));
        assertThat(task.gate.calls).containsExactly("pause 0", "resume 0", "pause 1");

        assertThat(task.deliver(2)).as("older barrier 1").isEmpty();
        assertThat(task.gate.paused()).containsExactly(1);
        assertThat(task.deliver(0)).isEmpty();
        assertThat(task.deliver(2)).containsExactly(snapshot(2));

        assertThat(task.events()).containsExactly(new AlignmentAborted(1, AbortReason.SUBSUMED), snapshot(2));
        assertThat(task.gate.paused()).isEmpty();
    }

    @Test
    void duplicateAndOlderBarriersAreIgnored() {
        FakeGate gate = new FakeGate(2);
        BarrierAligner aligner = new BarrierAligner(2, CheckpointingMode.EXACTLY_ONCE, gate);

        assertThat(aligner.onBarrier(0, barrier(2))).isEmpty();
        assertThat(aligner.onBarrier(1, barrier(1))).as("older").isEmpty();
        assertThat(gate.calls).containsExactly("pause 0");

        assertThat(aligner.onBarrier(1, barrier(2))).containsExactly(snapshot(2));
        assertThat(aligner.onBarrier(0, barrier(2))).as("duplicate").isEmpty();
        assertThat(aligner.onBarrier(1, barrier(1))).as("older").isEmpty();
        assertThat(gate.calls).containsExactly("pause 0", "resume 0");
    }

    @Test
    void anyBarrierFromAPausedChannelRevealsAGateThatIgnoresPause() {
        BarrierAligner aligner = new BarrierAligner(2, CheckpointingMode.EXACTLY_ONCE, new FakeGate(2));
        aligner.onBarrier(0, barrier(1));
        assertThatThrownBy(() -> aligner.onBarrier(0, barrier(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("paused channel 0");
        assertThatThrownBy(() -> aligner.onBarrier(0, barrier(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("paused channel 0");
    }

    @Test
    void anEndedChannelCountsAsHavingDeliveredThisAndEveryLaterBarrier() {
        TaskLoop task = new TaskLoop(3, CheckpointingMode.EXACTLY_ONCE);
        task.gate.add(0, barrier(1), barrier(2)).add(1, barrier(1), barrier(2)).add(2, record("last"), END);

        task.deliver(0);
        task.deliver(1);
        assertThat(task.gate.paused()).containsExactly(0, 1);
        task.deliver(2);
        assertThat(task.deliver(2)).containsExactly(snapshot(1));
        assertThat(task.gate.paused()).isEmpty();

        assertThat(task.deliver(1)).isEmpty();
        assertThat(task.deliver(0)).containsExactly(snapshot(2));
        assertThat(task.recordsBeforeSnapshot(1)).containsExactly("last");
    }

    @Test
    void theEndOfTheLastChannelNotAlignedCompletesTheAlignment() {
        TaskLoop task = new TaskLoop(3, CheckpointingMode.EXACTLY_ONCE);
        task.gate.add(0, barrier(1)).add(1, END).add(2, record("x"), END);

        assertThat(task.deliver(1)).isEmpty();
        assertThat(task.deliver(0)).isEmpty();
        task.deliver(2);
        assertThat(task.deliver(2)).containsExactly(snapshot(1));
        assertThat(task.gate.calls).containsExactly("pause 0", "resume 0");
    }

    @Test
    void aBarrierAfterTheEndOfItsChannelIsRejected() {
        BarrierAligner aligner = new BarrierAligner(2, CheckpointingMode.EXACTLY_ONCE, new FakeGate(2));
        aligner.onEndOfInput(1);
        assertThatThrownBy(() -> aligner.onBarrier(1, barrier(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("channel 1");
    }

    @Test
    void anAbortFromTheCoordinatorResumesEverythingAndItsLaterBarriersAreIgnored() {
        FakeGate gate = new FakeGate(3);
        BarrierAligner aligner = new BarrierAligner(3, CheckpointingMode.EXACTLY_ONCE, gate);
        aligner.onBarrier(2, barrier(1));
        aligner.onBarrier(0, barrier(1));

        assertThat(aligner.abort(1, AbortReason.EXPIRED)).containsExactly(new AlignmentAborted(1, AbortReason.EXPIRED));
        assertThat(gate.paused()).isEmpty();
        assertThat(aligner.onBarrier(1, barrier(1))).isEmpty();
        assertThat(aligner.abort(1, AbortReason.EXPIRED)).isEmpty();
        assertThat(gate.calls).containsExactlyInAnyOrder("pause 2", "pause 0", "resume 0", "resume 2");

        aligner.onBarrier(0, barrier(2));
        aligner.onBarrier(1, barrier(2));
        assertThat(aligner.onBarrier(2, barrier(2))).containsExactly(snapshot(2));
    }

    @Test
    void anAbortBeforeAnyBarrierArrivedMeansTheCheckpointIsNeverAligned() {
        FakeGate gate = new FakeGate(2);
        BarrierAligner aligner = new BarrierAligner(2, CheckpointingMode.EXACTLY_ONCE, gate);

        assertThat(aligner.abort(3, AbortReason.DECLINED)).isEmpty();
        assertThat(aligner.onBarrier(0, barrier(3))).isEmpty();
        assertThat(aligner.onBarrier(1, barrier(3))).isEmpty();
        assertThat(gate.calls).isEmpty();
    }

    @Test
    void aBarrierOfAnAbortedNewerCheckpointStillEndsTheAlignmentItMakesImpossible() {
        FakeGate gate = new FakeGate(2);
        BarrierAligner aligner = new BarrierAligner(2, CheckpointingMode.EXACTLY_ONCE, gate);
        aligner.onBarrier(0, barrier(1));

        assertThat(aligner.abort(2, AbortReason.EXPIRED)).isEmpty();
        assertThat(gate.paused()).containsExactly(0);
        // Channel 1 skipped barrier 1, so waiting for it would hold channel 0 paused for good.
        assertThat(aligner.onBarrier(1, barrier(2))).containsExactly(new AlignmentAborted(1, AbortReason.SUBSUMED));
        assertThat(gate.calls).containsExactly("pause 0", "resume 0");
    }

    @Test
    void atLeastOnceNeverPausesAndSnapshotsWhenTheLastBarrierArrives() {
        TaskLoop task = new TaskLoop(3, CheckpointingMode.AT_LEAST_ONCE);
        task.gate.add(0, barrier(1), record("fast"), barrier(2))
                .add(1, barrier(1), barrier(2))
                .add(2, record("slow"), barrier(1), barrier(2));

        task.deliver(0);
        task.deliver(0);
        task.deliver(0);
        task.deliver(1);
        task.deliver(1);
        task.deliver(2);
        assertThat(task.deliver(2)).containsExactly(snapshot(1));
        assertThat(task.deliver(2)).containsExactly(snapshot(2));

        assertThat(task.gate.calls).isEmpty();
        assertThat(task.recordsBeforeSnapshot(1)).containsExactlyInAnyOrder("fast", "slow");
    }

    @Test
    void atLeastOnceAbortsACheckpointAChannelSkippedEvenIfThatChannelEndsLater() {
        FakeGate gate = new FakeGate(3);
        BarrierAligner aligner = new BarrierAligner(3, CheckpointingMode.AT_LEAST_ONCE, gate);

        assertThat(aligner.onBarrier(0, barrier(1))).isEmpty();
        assertThat(aligner.onBarrier(0, barrier(2))).isEmpty();
        assertThat(aligner.onBarrier(1, barrier(2))).containsExactly(new AlignmentAborted(1, AbortReason.SUBSUMED));
        assertThat(aligner.onEndOfInput(1)).isEmpty();
        assertThat(aligner.onBarrier(2, barrier(1))).as("checkpoint 1 is gone").isEmpty();
        assertThat(aligner.onBarrier(2, barrier(2))).containsExactly(snapshot(2));
        assertThat(gate.calls).isEmpty();
    }

    @Test
    void atLeastOnceSnapshotsEveryCheckpointTheEndOfAChannelCompletes() {
        BarrierAligner aligner = new BarrierAligner(2, CheckpointingMode.AT_LEAST_ONCE, new FakeGate(2));
        aligner.onBarrier(0, barrier(1));
        aligner.onBarrier(0, barrier(2));

        assertThat(aligner.onEndOfInput(1)).containsExactly(snapshot(1), snapshot(2));
    }

    @Test
    void channelControlAdaptsAGatesMethods() {
        List<String> calls = new ArrayList<>();
        ChannelControl control = ChannelControl.of(c -> calls.add("pause " + c), c -> calls.add("resume " + c));
        control.pause(3);
        control.resume(4);
        assertThat(calls).containsExactly("pause 3", "resume 4");
    }

    @Test
    void rejectsChannelsOutOfRange() {
        assertThatThrownBy(() -> new BarrierAligner(0, CheckpointingMode.EXACTLY_ONCE, new FakeGate(0)))
                .isInstanceOf(IllegalArgumentException.class);
        BarrierAligner aligner = new BarrierAligner(2, CheckpointingMode.EXACTLY_ONCE, new FakeGate(2));
        assertThatThrownBy(() -> aligner.onBarrier(2, barrier(1))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> aligner.onEndOfInput(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static List<List<Integer>> permutations(List<Integer> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<Integer>> result = new ArrayList<>();
        for (Integer first : items) {
            List<Integer> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<Integer> tail : permutations(rest)) {
                List<Integer> permutation = new ArrayList<>();
                permutation.add(first);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
