package io.sluice.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.OutputTag;
import io.sluice.api.function.Collector;
import io.sluice.api.function.KeyedProcessFunction;
import io.sluice.api.function.ProcessFunction;
import io.sluice.api.function.RuntimeContext;
import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import io.sluice.runtime.operator.Operator;
import io.sluice.runtime.testing.OperatorHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyed process functions on the harness: per-key state, event-time and processing-time timers, side outputs, and
 * timers that survive a snapshot restored into a fresh operator (they live in the keyed state), against a reference
 * that simulates Flink's timer semantics without the engine's classes.
 */
class KeyedProcessOperatorTest {

    static final OutputTag<String> EVEN = new OutputTag<>("even");

    /** Counts per key; an event-time timer 100 ms after each element reports the count; even values to a side output. */
    static final class CountWithTimeout extends KeyedProcessFunction<String, long[], String> {
        private transient ValueState<Long> count;

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Long.class));
        }

        @Override
        public void processElement(long[] value, Context<String> ctx, Collector<String> out) {
            Long current = count.value();
            count.update(current == null ? 1 : current + 1);
            ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 100);
            if (value[1] % 2 == 0) {
                ctx.output(EVEN, ctx.getCurrentKey() + ":" + value[1]);
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext<String> ctx, Collector<String> out) {
            out.collect(ctx.getCurrentKey() + "@" + timestamp + "=" + count.value() + "/" + ctx.timeDomain());
        }
    }

    private record Step(String key, long timestamp, long value, long watermark) {
        boolean isWatermark() {
            return key == null;
        }
    }

    private static List<Step> randomSteps(long seed) {
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>();
        long max = 0;
        for (int i = 0; i < 300; i++) {
            long ts = Math.max(0, max + random.nextInt(60) - 40);
            max = Math.max(max, ts);
            steps.add(new Step("k" + random.nextInt(5), ts, random.nextInt(100), 0));
            if (random.nextInt(8) == 0) {
                steps.add(new Step(null, 0, 0, max - random.nextInt(80)));
            }
        }
        return steps;
    }

    /**
     * Flink's semantics simulated: a timer per (key, time) once; a watermark that advances fires the due timers by
     * time, then registration order; end of input is watermark +infinity.
     */
    private static List<String> reference(List<Step> steps) {
        record Pending(String key, long time, long sequence) {}
        Map<String, Long> counts = new HashMap<>();
        Set<String> live = new LinkedHashSet<>();
        List<Pending> pending = new ArrayList<>();
        List<String> out = new ArrayList<>();
        long watermark = Long.MIN_VALUE;
        long sequence = 0;
        List<Step> all = new ArrayList<>(steps);
        all.add(new Step(null, 0, 0, Long.MAX_VALUE));
        for (Step step : all) {
            if (!step.isWatermark()) {
                counts.merge(step.key(), 1L, Long::sum);
                long time = step.timestamp() + 100;
                if (live.add(step.key() + "@" + time)) {
                    pending.add(new Pending(step.key(), time, sequence++));
                }
            } else if (step.watermark() > watermark) {
                watermark = step.watermark();
                long w = watermark;
                List<Pending> due = new ArrayList<>(pending.stream().filter(p -> p.time() <= w).toList());
                due.sort(Comparator.comparingLong(Pending::time).thenComparingLong(Pending::sequence));
                for (Pending p : due) {
                    pending.remove(p);
                    live.remove(p.key() + "@" + p.time());
                    out.add(p.key() + "@" + p.time() + "=" + counts.get(p.key()) + "/EVENT_TIME");
                }
            }
        }
        return out;
    }

    private static void feed(OperatorHarness h, Step step) throws Exception {
        if (step.isWatermark()) {
            h.processWatermark(step.watermark());
        } else {
            h.processElement(new long[] {step.key().hashCode(), step.value()}, step.timestamp());
        }
    }

    private static OperatorHarness harness(Operator operator) throws Exception {
        return OperatorHarness.keyed(operator, (long[] v) -> "k" + keyIndex(v));
    }

    private static int keyIndex(long[] v) {
        for (int i = 0; i < 5; i++) {
            if (("k" + i).hashCode() == v[0]) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void eventTimeTimersAndStateMatchAReferenceAlsoAcrossSnapshotRestoreIntoAFreshOperator(@TempDir Path directory)
            throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            List<Step> steps = randomSteps(seed);
            List<String> expected = reference(steps);
            int cut = new Random(seed * 31).nextInt(steps.size());

            List<Object> output = new ArrayList<>();
            List<Object> evens = new ArrayList<>();
            OperatorHarness.Snapshot snapshot;
            Operator first = new KeyedProcessOperator((KeyedProcessFunction) new CountWithTimeout());
            try (OperatorHarness h = harness(first)) {
                for (Step step : steps.subList(0, cut)) {
                    feed(h, step);
                }
                snapshot = h.snapshot(seed, directory.resolve("cp" + seed));
                output.addAll(h.outputValues());
                evens.addAll(h.sideOutputValues(EVEN.getId()));
            }
            Operator second = new KeyedProcessOperator((KeyedProcessFunction) new CountWithTimeout());
            try (OperatorHarness h = OperatorHarness.restore(List.of(second), (long[] v) -> "k" + keyIndex(v),
                    snapshot)) {
                for (Step step : steps.subList(cut, steps.size())) {
                    feed(h, step);
                }
                h.finish();
                output.addAll(h.outputValues());
                evens.addAll(h.sideOutputValues(EVEN.getId()));
                assertThat(h.stateBackend().size(io.sluice.runtime.timer.TimerService.STATE))
                        .as("no timer left after end of input").isZero();
            }
            assertThat(output).as("seed %d, restored after %d steps", seed, cut).containsExactlyElementsOf(expected);
            List<String> expectedEvens = steps.stream().filter(s -> !s.isWatermark() && s.value() % 2 == 0)
                    .map(s -> s.key() + ":" + s.value()).toList();
            assertThat(evens).containsExactlyElementsOf(expectedEvens);
        }
    }

    /** Fires once per key when processing time passes 1 s after the key's first element. */
    static final class FirstSeen extends KeyedProcessFunction<String, String, String> {
        @Override
        public void processElement(String value, Context<String> ctx, Collector<String> out) {
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 1000);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext<String> ctx, Collector<String> out) {
            out.collect(ctx.getCurrentKey() + "/" + ctx.timeDomain() + "/" + ctx.timestamp());
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void processingTimeTimersFireByTheClockAndSurviveRestore(@TempDir Path directory) throws Exception {
        OperatorHarness.Snapshot snapshot;
        try (OperatorHarness h = OperatorHarness.keyed(
                new KeyedProcessOperator((KeyedProcessFunction) new FirstSeen()), (String s) -> s)) {
            h.processElement("a", 5);
            h.advanceProcessingTime(500);
            h.processElement("b", 6);
            h.advanceProcessingTime(499);
            assertThat(h.outputValues()).isEmpty();
            h.advanceProcessingTime(1);
            assertThat(h.outputValues()).containsExactly("a/PROCESSING_TIME/null");
            snapshot = h.snapshot(1, directory);
        }
        try (OperatorHarness h = OperatorHarness.restore(
                List.of(new KeyedProcessOperator((KeyedProcessFunction) new FirstSeen())), (String s) -> s, snapshot)) {
            h.advanceProcessingTime(1499);
            assertThat(h.outputValues()).isEmpty();
            h.advanceProcessingTime(1);
            assertThat(h.outputValues()).containsExactly("b/PROCESSING_TIME/null");
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aNonKeyedProcessFunctionSeesTimestampsAndSideOutputsButNoTimers() throws Exception {
        ProcessFunction<String, String> fn = new ProcessFunction<>() {
            @Override
            public void processElement(String value, Context ctx, Collector<String> out) {
                if (value.startsWith("!")) {
                    ctx.output(new OutputTag<String>("alerts") {}, value);
                    ctx.timerService().registerEventTimeTimer(1);
                } else {
                    out.collect(value + "@" + ctx.timestamp());
                }
            }
        };
        try (OperatorHarness h = OperatorHarness.of(new ProcessOperator((ProcessFunction) fn))) {
            h.processElement("x", 7);
            h.processElement("y");
            assertThat(h.outputValues()).containsExactly("x@7", "y@null");
            assertThatThrownBy(() -> h.processElement("!z", 8))
                    .hasMessageContaining("only supported on keyed streams");
            assertThat(h.sideOutputValues("alerts")).containsExactly("!z");
            assertThat(h.outputRecords().get(0).timestamp()).isEqualTo(7);
        }
    }
}
