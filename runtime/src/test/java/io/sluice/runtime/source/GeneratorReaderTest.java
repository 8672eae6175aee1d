package io.sluice.runtime.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.graph.JobConfig;
import io.sluice.graph.OperatorSpec.GeneratorKind;
import io.sluice.graph.OperatorSpec.GeneratorSource;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.SourceReader.Status;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.operator.SubtaskContext;
import io.sluice.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class GeneratorReaderTest {

    private final ManualClock clock = new ManualClock();

    /** Collects records; records each poll's batch size. */
    private static final class Collected implements Output {
        final List<Object> values = new ArrayList<>();

        @Override
        public void collect(Object record, long timestamp) {
            assertThat(timestamp).isEqualTo(StreamElement.NO_TIMESTAMP);
            values.add(record);
        }

        @Override
        public void emitWatermark(long watermark) {
            throw new AssertionError("generators emit no watermarks yet");
        }
    }

    private GeneratorReader open(GeneratorSource spec, int subtask, int parallelism, GeneratorReader.Pause pause) {
        GeneratorReader reader = new GeneratorReader(spec, pause);
        reader.open(new SubtaskContext("gen", subtask, parallelism, JobConfig.DEFAULT_MAX_PARALLELISM,
                getClass().getClassLoader(), null, clock));
        return reader;
    }

    private static List<Object> drain(GeneratorReader reader) throws InterruptedException {
        Collected out = new Collected();
        while (true) {
            int before = out.values.size();
            Status status = reader.pollNext(out);
            assertThat(out.values.size() - before).isLessThanOrEqualTo(GeneratorReader.BATCH_SIZE);
            if (status == Status.END_OF_INPUT) {
                return out.values;
            }
        }
    }

    @Test
    void subtasksSplitTheSequenceAscending() throws InterruptedException {
        GeneratorSource spec = new GeneratorSource(GeneratorKind.SEQUENCE, 2_000, 0, 0, null);
        List<Object> all = new ArrayList<>();
        for (int subtask = 0; subtask < 3; subtask++) {
            List<Object> values = drain(open(spec, subtask, 3, d -> {}));
            int s = subtask;
            assertThat(values).allMatch(v -> (Long) v % 3 == s).isSortedAccordingTo((a, b) -> Long.compare((Long) a, (Long) b));
            all.addAll(values);
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 2_000).boxed().toList());
    }

    @Test
    void resumesFromItsPositionWithTheRestOfItsSequence() throws InterruptedException {
        GeneratorSource spec = new GeneratorSource(GeneratorKind.SEQUENCE, 2_000, 0, 0, null);
        GeneratorReader first = open(spec, 1, 2, d -> {});
        first.pollNext(new Collected());
        Map<String, Long> position = first.position();

        GeneratorReader resumed = open(spec, 1, 2, d -> {});
        resumed.seek(position);

        // One batch of subtask 1's odd numbers was emitted before the snapshot: the rest follows.
        List<Object> expected = LongStream.range(0, 2_000)
                .filter(v -> v % 2 == 1).skip(GeneratorReader.BATCH_SIZE).boxed().map(v -> (Object) v).toList();
        assertThat(drain(resumed)).isEqualTo(expected);
    }

    @Test
    void refusesThePositionOfAnotherSubtask() throws InterruptedException {
        GeneratorSource spec = new GeneratorSource(GeneratorKind.SEQUENCE, 2_000, 0, 0, null);
        GeneratorReader other = open(spec, 0, 2, d -> {});
        Map<String, Long> position = other.position();
        GeneratorReader reader = open(spec, 1, 2, d -> {});
        assertThatThrownBy(() -> reader.seek(position)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textLinesAreRowsWithTheLineOfTheirIndex() throws InterruptedException {
        GeneratorSource spec = new GeneratorSource(GeneratorKind.TEXT_LINES, 5, 0, 42, "line");
        assertThat(drain(open(spec, 1, 2, d -> {}))).containsExactly(
                Map.of("line", TextLines.line(42, 1)), Map.of("line", TextLines.line(42, 3)));
    }

    @Test
    void unboundedGeneratorsNeverEnd() throws InterruptedException {
        GeneratorReader reader = open(new GeneratorSource(GeneratorKind.SEQUENCE, -1, 0, 0, null), 0, 1, d -> {});
        Collected out = new Collected();
        for (int i = 0; i < 10; i++) {
            assertThat(reader.pollNext(out)).isEqualTo(Status.MORE_AVAILABLE);
        }
        assertThat(out.values).hasSize(10 * GeneratorReader.BATCH_SIZE);
    }

    @Test
    void rateIsSharedBySubtasksAndPacedByTheClock() throws InterruptedException {
        List<Duration> pauses = new ArrayList<>();
        GeneratorReader reader = open(new GeneratorSource(GeneratorKind.SEQUENCE, -1, 1_000, 0, null), 0, 2, pauses::add);
        Collected out = new Collected();

        assertThat(reader.pollNext(out)).isEqualTo(Status.NOTHING_AVAILABLE);
        assertThat(pauses).containsExactly(Duration.ofMillis(2));

        clock.advanceMillis(1_000);
        while (reader.pollNext(out) == Status.MORE_AVAILABLE) {
            // catching up in batches
        }
        assertThat(out.values).hasSize(500);

        clock.advanceMillis(10_000);
        assertThat(reader.pollNext(out)).isEqualTo(Status.MORE_AVAILABLE);
        assertThat(out.values).hasSize(500 + GeneratorReader.BATCH_SIZE);
        assertThat(pauses).allMatch(d -> d.compareTo(Duration.ofMillis(GeneratorReader.MAX_WAIT_MILLIS)) <= 0);
    }

    @Test
    void waitsAreCappedSoCancellationStaysPrompt() throws InterruptedException {
        List<Duration> pauses = new ArrayList<>();
        GeneratorReader reader = open(new GeneratorSource(GeneratorKind.SEQUENCE, -1, 0.5, 0, null), 0, 1, pauses::add);
        assertThat(reader.pollNext(new Collected())).isEqualTo(Status.NOTHING_AVAILABLE);
        assertThat(pauses).containsExactly(Duration.ofMillis(GeneratorReader.MAX_WAIT_MILLIS));
    }

    /**
     * A generator resumed from a savepoint taken at another parallelism (subtasks at uneven positions) emits every
     * index not emitted before exactly once: below the new subtasks' lowest position nothing is missing or twice.
     */
    @Test
    void resumedAtAnotherParallelismEmitsEveryIndexOnce() throws InterruptedException {
        GeneratorSource spec = new GeneratorSource(GeneratorKind.SEQUENCE, -1, 0, 0, null);
        List<Long> emitted = new ArrayList<>();
        List<Map<String, Long>> positions = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            GeneratorReader old = open(spec, subtask, 2, duration -> { });
            Collected out = new Collected();
            for (int batch = 0; batch <= subtask * 3; batch++) { // uneven: 1 and 4 batches
                old.pollNext(out);
            }
            out.values.forEach(v -> emitted.add((Long) v));
            positions.add(old.position());
        }
        long lowestNext = Long.MAX_VALUE;
        for (int subtask = 0; subtask < 3; subtask++) {
            GeneratorReader resumed = open(spec, subtask, 3, duration -> { });
            resumed.seekRescaled(positions);
            Collected out = new Collected();
            for (int batch = 0; batch < 5; batch++) {
                resumed.pollNext(out);
            }
            long residue = subtask;
            out.values.forEach(v -> {
                assertThat((Long) v % 3).as("subtask %d of 3 emitted %s", residue, v).isEqualTo(residue);
                emitted.add((Long) v);
            });
            lowestNext = Math.min(lowestNext, resumed.position().get("next"));
        }
        assertThat(emitted).doesNotHaveDuplicates();
        long bound = lowestNext;
        assertThat(emitted.stream().filter(v -> v < bound).sorted().toList())
                .isEqualTo(LongStream.range(0, bound).boxed().toList());
        assertThat(bound).isGreaterThan(4L * GeneratorReader.BATCH_SIZE);
    }
}
