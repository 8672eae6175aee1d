package io.sluice.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.DataStream;
import io.sluice.api.OutputTag;
import io.sluice.api.SingleOutputStreamOperator;
import io.sluice.api.StreamEnvironment;
import io.sluice.api.eventtime.WatermarkStrategy;
import io.sluice.api.function.CoMapFunction;
import io.sluice.api.function.Collector;
import io.sluice.api.function.KeyedCoProcessFunction;
import io.sluice.api.function.KeyedProcessFunction;
import io.sluice.api.function.ProcessFunction;
import io.sluice.api.function.ProcessJoinFunction;
import io.sluice.api.function.RuntimeContext;
import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import io.sluice.api.windowing.assigners.TumblingEventTimeWindows;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Multi-input and side-output jobs run as tasks at parallelism 2 (records cross hash shuffles, each task learns which
 * logical input a channel feeds, the watermark of a two-input task is the minimum over both inputs), against
 * results computed in the test from the generated sequences.
 */
class LocalMultiInputJobTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final LocalJobRunner runner = new LocalJobRunner()
            .withPrintStream(new PrintStream(printed, true, StandardCharsets.UTF_8))
            .withChannelCapacity(64);

    private static SingleOutputStreamOperator<Long> stamped(StreamEnvironment env, long count) {
        return env.generateSequence(count).assignTimestampsAndWatermarks(
                WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofMillis(3))
                        .withTimestampAssigner((value, ts) -> value));
    }

    @Test
    void unionAndSideOutputsOfAProcessFunction() throws Exception {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
        OutputTag<String> odd = new OutputTag<>("odd");
        DataStream<Long> a = env.generateSequence(100);
        DataStream<Long> b = env.generateSequence(50).map(v -> v + 1000);
        SingleOutputStreamOperator<Long> evens = a.union(b).process(new SplitOdd(odd));
        evens.map(v -> "even " + v).print("e");
        evens.getSideOutput(odd).print("o");
        runner.run(env.getJobGraph("union"));

        List<String> expected = new ArrayList<>();
        for (long v = 0; v < 100; v++) {
            expected.add((v % 2 == 0 ? "even " : "odd ") + v);
        }
        for (long v = 1000; v < 1050; v++) {
            expected.add((v % 2 == 0 ? "even " : "odd ") + v);
        }
        assertThat(values()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void connectWithCoMapAndKeyedCoProcessAcrossAShuffle() throws Exception {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
        DataStream<Long> numbers = env.generateSequence(200);
        DataStream<String> words = env.generateSequence(20).map(v -> "w" + v);
        numbers.connect(words).map(new Prefix()).print("m");
        numbers.connect(env.generateSequence(10)).keyBy(v -> v % 10, v -> v % 10)
                .process(new SumPerKey()).print("p");
        runner.run(env.getJobGraph("connect"));

        List<String> expected = new ArrayList<>();
        for (long v = 0; v < 200; v++) {
            expected.add("n" + v);
        }
        for (long v = 0; v < 20; v++) {
            expected.add("w" + v);
        }
        // Event-time timers fire at end of input, after every record of both inputs.
        for (long key = 0; key < 10; key++) {
            long sum = 0;
            for (long v = key; v < 200; v += 10) {
                sum += v;
            }
            expected.add("k" + key + "=" + sum);
        }
        assertThat(values()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void windowJoinPairsElementsOfTheSameKeyAndWindow() throws Exception {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
        stamped(env, 300).join(stamped(env, 300).map(v -> v * 3))
                .where(v -> v % 7).equalTo(v -> v % 7)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(50)))
                .apply((Long left, Long right) -> left + "+" + right)
                .print("j");
        runner.run(env.getJobGraph("window join"));

        // Brute force: right values are 3v stamped with v; pair when keys and 50 ms windows are equal.
        List<String> expected = new ArrayList<>();
        for (long l = 0; l < 300; l++) {
            for (long v = 0; v < 300; v++) {
                long r = v * 3;
                if (l % 7 == r % 7 && l / 50 == v / 50) {
                    expected.add(l + "+" + r);
                }
            }
        }
        assertThat(values()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void intervalJoinPairsWithinTheBounds() throws Exception {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
        stamped(env, 400).keyBy(v -> v % 5)
                .intervalJoin(stamped(env, 400).filter(v -> v % 3 == 0).keyBy(v -> v % 5))
                .between(Duration.ofMillis(-7), Duration.ofMillis(12))
                .process(new PairWithTimestamp())
                .print("i");
        runner.run(env.getJobGraph("interval join"));

        List<String> expected = new ArrayList<>();
        for (long l = 0; l < 400; l++) {
            for (long r = 0; r < 400; r += 3) {
                if (l % 5 == r % 5 && r >= l - 7 && r <= l + 12) {
                    expected.add(l + "~" + r + "@" + Math.max(l, r));
                }
            }
        }
        assertThat(values()).containsExactlyInAnyOrderElementsOf(expected);
    }

    static final class SplitOdd extends ProcessFunction<Long, Long> {
        private final OutputTag<String> odd;

        SplitOdd(OutputTag<String> odd) {
            this.odd = odd;
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) {
            if (value % 2 == 0) {
                out.collect(value);
            } else {
                ctx.output(odd, "odd " + value);
            }
        }
    }

    static final class Prefix implements CoMapFunction<Long, String, String> {
        @Override
        public String map1(Long value) {
            return "n" + value;
        }

        @Override
        public String map2(String value) {
            return value;
        }
    }

    /** Per key: the sum of the first input's values, reported at end of input by timers the second input set. */
    static final class SumPerKey extends KeyedCoProcessFunction<Long, Long, Long, String> {
        private transient ValueState<Long> sum;

        @Override
        public void open(RuntimeContext context) {
            sum = context.getState(new ValueStateDescriptor<>("sum", Long.class));
        }

        @Override
        public void processElement1(Long value, KeyedProcessFunction.Context<Long> ctx, Collector<String> out) {
            sum.update((sum.value() == null ? 0 : sum.value()) + value);
        }

        @Override
        public void processElement2(Long value, KeyedProcessFunction.Context<Long> ctx, Collector<String> out) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE - 1);
        }

        @Override
        public void onTimer(long timestamp, KeyedProcessFunction.OnTimerContext<Long> ctx, Collector<String> out) {
            out.collect("k" + ctx.getCurrentKey() + "=" + sum.value());
        }
    }

    static final class PairWithTimestamp extends ProcessJoinFunction<Long, Long, String> {
        @Override
        public void processElement(Long left, Long right, Context ctx, Collector<String> out) {
            out.collect(left + "~" + right + "@" + ctx.getTimestamp());
        }
    }

    private List<String> values() {
        String text = printed.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : text.lines().map(line -> line.substring(line.indexOf("> ") + 2)).toList();
    }
}
