package io.sluice.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.runtime.StreamElement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Random FIFO channels and random delivery orders against the Chandy-Lamport property: the snapshot of checkpoint n
 * reflects exactly the records that precede barrier n in their channels. Channels may skip a barrier (its upstream
 * declined that checkpoint) and may end early; the expectations are computed from the channel contents alone.
 */
class RandomBarrierAlignmentTest {

    private static final int CHANNELS = 5;
    private static final int CHECKPOINTS = 3;
    private static final int RUNS = 2_000;

    /** One channel's generated contents. */
    private record Channel(List<StreamElement> elements) {

        boolean hasBarrier(long checkpointId) {
            return elements.stream().anyMatch(e -> e instanceof StreamElement.CheckpointBarrier b
                    && b.checkpointId() == checkpointId);
        }

        boolean hasBarrierAfter(long checkpointId) {
            return elements.stream().anyMatch(e -> e instanceof StreamElement.CheckpointBarrier b
                    && b.checkpointId() > checkpointId);
        }

        /** Records before barrier n, or all records if the channel has none (it ends without it). */
        Set<Object> recordsBefore(long checkpointId) {
            Set<Object> records = new HashSet<>();
            for (StreamElement element : elements) {
                if (element instanceof StreamElement.CheckpointBarrier b && b.checkpointId() == checkpointId) {
                    break;
                }
                if (element instanceof StreamElement.Record record) {
                    records.add(record.value());
                }
            }
            return records;
        }
    }

    @Test
    void exactlyOnceSnapshotsReflectExactlyTheRecordsBeforeTheirBarriers() {
        for (long seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            List<Channel> channels = generate(random);
            TaskLoop task = run(channels, CheckpointingMode.EXACTLY_ONCE, random);

            List<Long> expected = snapshottable(channels);
            assertThat(triggered(task)).as("seed %d", seed).containsExactlyElementsOf(expected);
            for (long checkpointId : expected) {
                assertThat(task.recordsBeforeSnapshot(checkpointId)).as("seed %d, checkpoint %d", seed, checkpointId)
                        .isEqualTo(recordsBefore(channels, checkpointId));
            }
            assertThat(aborted(task)).as("seed %d", seed).doesNotContainAnyElementsOf(expected);
            assertThat(task.gate.paused()).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void atLeastOnceSnapshotsReflectAtLeastTheRecordsBeforeTheirBarriersAndNothingIsPaused() {
        for (long seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            List<Channel> channels = generate(random);
            TaskLoop task = run(channels, CheckpointingMode.AT_LEAST_ONCE, random);

            List<Long> expected = snapshottable(channels);
            assertThat(triggered(task)).as("seed %d", seed).containsExactlyElementsOf(expected);
            for (long checkpointId : expected) {
                assertThat(task.recordsBeforeSnapshot(checkpointId)).as("seed %d, checkpoint %d", seed, checkpointId)
                        .containsAll(recordsBefore(channels, checkpointId));
            }
            assertThat(task.gate.calls).as("seed %d", seed).isEmpty();
        }
    }

    /**
     * Per channel and checkpoint: some records, then the barrier unless skipped (10%); the channel may end after
     * any checkpoint (10%), else after a last batch of records.
     */
    private static List<Channel> generate(Random random) {
        List<Channel> channels = new ArrayList<>();
        for (int channel = 0; channel < CHANNELS; channel++) {
            List<StreamElement> elements = new ArrayList<>();
            int sequence = 0;
            for (long checkpointId = 1; checkpointId <= CHECKPOINTS; checkpointId++) {
                for (int i = random.nextInt(4); i > 0; i--) {
                    elements.add(new StreamElement.Record(channel + "#" + sequence++, StreamElement.NO_TIMESTAMP));
                }
                if (random.nextInt(10) > 0) {
                    elements.add(new StreamElement.CheckpointBarrier(checkpointId, checkpointId * 100));
                }
                if (random.nextInt(10) == 0) {
                    break;
                }
            }
            for (int i = random.nextInt(4); i > 0; i--) {
                elements.add(new StreamElement.Record(channel + "#" + sequence++, StreamElement.NO_TIMESTAMP));
            }
            elements.add(StreamElement.EndOfInput.INSTANCE);
            channels.add(new Channel(elements));
        }
        return channels;
    }

    /** Polls only channels that are not paused, in random order, until none can deliver. */
    private static TaskLoop run(List<Channel> channels, CheckpointingMode mode, Random random) {
        TaskLoop task = new TaskLoop(CHANNELS, mode);
        for (int channel = 0; channel < CHANNELS; channel++) {
            task.gate.add(channel, channels.get(channel).elements().toArray(StreamElement[]::new));
        }
        for (List<Integer> ready = task.gate.deliverable(); !ready.isEmpty(); ready = task.gate.deliverable()) {
            task.deliver(ready.get(random.nextInt(ready.size())));
        }
        assertThat(task.gate.isDrained()).as("every channel delivered everything (no channel stuck paused)").isTrue();
        return task;
    }

    /**
     * A checkpoint can be snapshotted when some channel carries its barrier and every channel either carries it or
     * ends without a newer one (a channel carrying a newer barrier instead proves its upstream skipped it).
     */
    private static List<Long> snapshottable(List<Channel> channels) {
        return LongStream.rangeClosed(1, CHECKPOINTS)
                .filter(id -> channels.stream().anyMatch(c -> c.hasBarrier(id)))
                .filter(id -> channels.stream().allMatch(c -> c.hasBarrier(id) || !c.hasBarrierAfter(id)))
                .boxed()
                .toList();
    }

    private static Set<Object> recordsBefore(List<Channel> channels, long checkpointId) {
        Set<Object> records = new HashSet<>();
        channels.forEach(channel -> records.addAll(channel.recordsBefore(checkpointId)));
        return records;
    }

    private static List<Long> triggered(TaskLoop task) {
        return checkpointsOf(task, AlignmentEvent.TriggerSnapshot.class);
    }

    private static List<Long> aborted(TaskLoop task) {
        return checkpointsOf(task, AlignmentEvent.AlignmentAborted.class);
    }

    private static List<Long> checkpointsOf(TaskLoop task, Class<? extends AlignmentEvent> type) {
        return task.events().stream().filter(type::isInstance).map(AlignmentEvent::checkpointId).toList();
    }
}
