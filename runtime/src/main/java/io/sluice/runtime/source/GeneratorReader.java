package io.sluice.runtime.source;

import io.sluice.graph.OperatorSpec.GeneratorKind;
import io.sluice.graph.OperatorSpec.GeneratorSource;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.operator.Output;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link GeneratorSource}: subtask s of p produces the indices s, s+p, s+2p, ... below {@code count}
 * (forever when count &lt; 0), in batches of at most {@value #BATCH_SIZE}. Index i becomes the value i (SEQUENCE)
 * or {@link TextLines#line(long, long) TextLines.line(seed, i)} (TEXT_LINES), as the row {@code {field: value}}
 * when the spec names a field. With a rate, each subtask emits {@code rate / p} records per second by the clock;
 * when ahead it waits (at most {@value #MAX_WAIT_MILLIS} ms per call, so cancellation stays prompt).
 * Records have no timestamp yet.
 */
public final class GeneratorReader implements SourceReader {

    static final int BATCH_SIZE = 512;
    private static final String NEXT = "next";
    static final long MAX_WAIT_MILLIS = 100;

    /** Blocks the task thread for a while; tests with a manual clock advance the clock instead. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final GeneratorSource spec;
    private final Pause pause;
    private Clock clock;
    private int parallelism;
    private long next;
    /** After a rescaled restore: the next index of each subtask of the savepoint (every lower one was emitted). */
    private long[] resumedFrom;
    private long emitted;
    private RatePacer pacer;
    private CarEvents cars;

    public GeneratorReader(GeneratorSource spec) {
        this(spec, duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000));
    }

    GeneratorReader(GeneratorSource spec, Pause pause) {
        this.spec = spec;
        this.pause = pause;
    }

    @Override
    public void open(OperatorContext context) {
        clock = context.clock();
        parallelism = context.parallelism();
        next = context.subtaskIndex();
        if (spec.ratePerSecond() > 0) {
            pacer = new RatePacer(spec.ratePerSecond() / parallelism, clock.instant());
        }
    }

    @Override
    public Status pollNext(Output output) throws InterruptedException {
        if (exhausted()) {
            return Status.END_OF_INPUT;
        }
        long batch = BATCH_SIZE;
        if (pacer != null) {
            batch = Math.min(batch, pacer.allowedBy(clock.instant()) - emitted);
            if (batch <= 0) {
                Duration wait = pacer.untilNext(emitted, clock.instant());
                pause.pause(wait.compareTo(Duration.ofMillis(MAX_WAIT_MILLIS)) < 0 ? wait : Duration.ofMillis(MAX_WAIT_MILLIS));
                return Status.NOTHING_AVAILABLE;
            }
        }
        for (long i = 0; i < batch && !exhausted(); i++) {
            output.collect(record(next), StreamElement.NO_TIMESTAMP);
            next += parallelism;
            skipEmitted();
            emitted++;
        }
        return exhausted() ? Status.END_OF_INPUT : Status.MORE_AVAILABLE;
    }

    /** The next index this subtask produces. */
    @Override
    public Map<String, Long> position() {
        return Map.of(NEXT, next);
    }

    @Override
    public void seek(Map<String, Long> position) {
        Long index = position.get(NEXT);
        if (index == null || Math.floorMod(index, parallelism) != Math.floorMod(next, parallelism)) {
            throw new IllegalArgumentException("not a position of this generator subtask: " + position);
        }
        next = index;
    }

    /**
     * Resuming from a savepoint taken with p subtasks, next indices n_0..n_{p-1}: index i was emitted then iff
     * {@code i < n_(i mod p)}. This subtask goes on with its own indices (s, s+p', ...) that were not, from the
     * lowest one at or above min(n_j) (everything below it was emitted), so no index is emitted twice or never.
     */
    @Override
    public void seekRescaled(List<Map<String, Long>> positions) {
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("a generator resumes from the positions of at least one subtask");
        }
        resumedFrom = new long[positions.size()];
        long lowest = Long.MAX_VALUE;
        for (int j = 0; j < resumedFrom.length; j++) {
            Long index = positions.get(j).get(NEXT);
            if (index == null) {
                throw new IllegalArgumentException("not a generator position: " + positions.get(j));
            }
            resumedFrom[j] = index;
            lowest = Math.min(lowest, index);
        }
        long subtask = Math.floorMod(next, parallelism);
        next = lowest + Math.floorMod(subtask - lowest, parallelism);
        skipEmitted();
    }

    private void skipEmitted() {
        if (resumedFrom == null) {
            return;
        }
        while (next < resumedFrom[(int) Math.floorMod(next, (long) resumedFrom.length)]) {
            next += parallelism;
        }
        if (next >= Arrays.stream(resumedFrom).max().orElseThrow()) {
            resumedFrom = null; // past every resumed position: nothing more to skip
        }
    }

    private boolean exhausted() {
        return spec.count() >= 0 && next >= spec.count();
    }

    private Object record(long index) {
        if (spec.kind() == GeneratorKind.CARS) {
            if (cars == null) {
                cars = new CarEvents(spec.seed());
            }
            return cars.event(index);
        }
        Object value = spec.kind() == GeneratorKind.SEQUENCE ? (Object) index : TextLines.line(spec.seed(), index);
        if (spec.field() == null) {
            return value;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(spec.field(), value);
        return row;
    }
}
