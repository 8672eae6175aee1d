package io.sluice.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.StreamEnvironment;
import io.sluice.api.eventtime.WatermarkStrategy;
import io.sluice.api.function.AggregateFunction;
import io.sluice.api.windowing.TimeWindow;
import io.sluice.api.windowing.assigners.EventTimeSessionWindows;
import io.sluice.api.windowing.assigners.TumblingEventTimeWindows;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Java-API window jobs run as tasks (parallel sources, watermarks through the channels as the minimum over
 * channels, a hash shuffle into the window operator, end of input firing what is left).
 */
class LocalWindowJobTest {

    private static final long COUNT = 10_000;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final LocalJobRunner runner = new LocalJobRunner()
            .withPrintStream(new PrintStream(printed, true, StandardCharsets.UTF_8))
            .withChannelCapacity(64);

    /** Sum and count per (value % 3, 100 ms tumbling window of timestamp = value). */
    static final class SumAndCount implements AggregateFunction<Long, long[], long[]> {
        @Override
        public long[] createAccumulator() {
            return new long[2];
        }

        @Override
        public long[] add(Long value, long[] acc) {
            return new long[] {acc[0] + value, acc[1] + 1};
        }

        @Override
        public long[] getResult(long[] acc) {
            return acc;
        }

        @Override
        public long[] merge(long[] a, long[] b) {
            return new long[] {a[0] + b[0], a[1] + b[1]};
        }
    }

    @Test
    void tumblingEventTimeWindowsOverAParallelSourceMatchAnIndependentSum() throws Exception {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
        env.generateSequence(COUNT)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forMonotonousTimestamps()
                        .withTimestampAssigner((value, ts) -> value))
                .keyBy(value -> value % 3)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
                .aggregate(new SumAndCount(), (Long key, io.sluice.api.windowing.ProcessWindowFunction.Context<TimeWindow> context,
                        Iterable<long[]> results, io.sluice.api.function.Collector<String> out) -> {
                    long[] result = results.iterator().next();
                    out.collect(key + "@" + context.window().start() + "=" + result[0] + "/" + result[1]);
                })
                .print("w");
        runner.run(env.getJobGraph("tumbling"));

        Map<String, long[]> expected = new TreeMap<>();
        for (long value = 0; value < COUNT; value++) {
            long[] acc = expected.computeIfAbsent(value % 3 + "@" + (value / 100) * 100, k -> new long[2]);
            acc[0] += value;
            acc[1]++;
        }
        List<String> expectedLines = new ArrayList<>();
        expected.forEach((window, acc) -> expectedLines.add(window + "=" + acc[0] + "/" + acc[1]));
        assertThat(values()).containsExactlyInAnyOrderElementsOf(expectedLines);
    }

    @Test
    void sessionsAcrossTasks() throws Exception {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
        // Timestamps: value + 10 * (value / 50): runs of 50 consecutive values, then a gap of 10 ms.
        env.generateSequence(1_000)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofMillis(5))
                        .withTimestampAssigner((value, ts) -> value + 10 * (value / 50)))
                .keyBy(value -> value % 2)
                .window(EventTimeSessionWindows.withGap(Duration.ofMillis(5)))
                .reduce((a, b) -> Math.min(a, b), (Long key, io.sluice.api.windowing.ProcessWindowFunction.Context<TimeWindow> context,
                        Iterable<Long> min, io.sluice.api.function.Collector<String> out) ->
                        out.collect(key + ":" + min.iterator().next() + "@" + context.window().start()))
                .print("s");
        runner.run(env.getJobGraph("sessions"));

        // Each run of 50 values is one session per parity (steps of 2 ms < 5 ms gap; 12 ms between runs).
        List<String> expected = new ArrayList<>();
        for (long run = 0; run < 20; run++) {
            for (long parity = 0; parity < 2; parity++) {
                long first = run * 50 + parity;
                expected.add(parity + ":" + first + "@" + (first + 10 * run));
            }
        }
        assertThat(values()).containsExactlyInAnyOrderElementsOf(expected);
    }

    private List<String> values() {
        String text = printed.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : text.lines().map(line -> line.substring(line.indexOf("> ") + 2)).toList();
    }
}
