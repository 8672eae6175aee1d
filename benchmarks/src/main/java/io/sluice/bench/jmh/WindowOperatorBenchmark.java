package io.sluice.bench.jmh;

import io.sluice.api.function.AggregateFunction;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.operator.SubtaskContext;
import io.sluice.runtime.state.InMemoryKeyedStateBackend;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedStateSettings;
import io.sluice.runtime.window.TumblingWindows;
import io.sluice.runtime.window.WindowOperator;
import io.sluice.state.chronicle.ChronicleMapOptions;
import io.sluice.state.chronicle.ChronicleMapStateBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One record through a keyed 10 s tumbling event-time count, the window task of the end-to-end scenario (b): set the
 * key, read and write the window's accumulator, register (deduplicate) its timer, and every 5,000 records a watermark
 * that fires the windows it passes. 50k keys, each record's key a fresh string as decoded from a channel; event time
 * advances 1 ms per 25 records with up to 1 s of disorder, the watermark trails by 1 s. Setup runs 200k records
 * through another instance and checks that the fired counts plus those still open add up to every record.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class WindowOperatorBenchmark extends ChronicleFork {

    private static final int KEYS = 50_000;
    private static final int RECORDS_PER_MILLI = 25;
    private static final int WATERMARK_EVERY = 5_000;

    /** {@code chronicle} (what workers use) or {@code in-memory}. */
    @Param({"chronicle", "in-memory"})
    public String backend;

    private Stream stream;

    @Setup
    public void setUp() throws Exception {
        Stream check = new Stream(backend);
        for (int i = 0; i < 200_000; i++) {
            check.next();
        }
        check.operator.finish();
        if (check.counted != 200_000) {
            throw new IllegalStateException("the windows counted " + check.counted + " of 200000 records");
        }
        check.close();
        stream = new Stream(backend);
    }

    @Benchmark
    public long record() throws Exception {
        return stream.next();
    }

    @TearDown
    public void tearDown() {
        stream.close();
    }

    /** The operator, its backend and the generated input. */
    private static final class Stream {
        final KeyedStateBackend state;
        final WindowOperator operator;
        final String[] keys = new String[KEYS];
        final SplittableRandom random = new SplittableRandom(42);
        long records;
        long counted;

        Stream(String backend) throws IOException {
            state = switch (backend) {
                case "chronicle" -> new ChronicleMapStateBackend(
                        ChronicleMapOptions.defaults(Files.createTempDirectory("sluice-window-bench"), "window", 0)
                                .withSizing(4L * KEYS, ChronicleMapOptions.DEFAULT_AVERAGE_KEY_SIZE,
                                        ChronicleMapOptions.DEFAULT_AVERAGE_VALUE_SIZE),
                        KeyedStateSettings.defaults(KeyedStateSettings.DEFAULT_MAX_PARALLELISM),
                        WindowOperatorBenchmark.class.getClassLoader(), Clock.systemUTC());
                case "in-memory" -> new InMemoryKeyedStateBackend();
                default -> throw new IllegalArgumentException("unknown state backend " + backend);
            };
            for (int i = 0; i < KEYS; i++) {
                keys[i] = "k" + i;
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            AggregateFunction<Object, Object, Object> count = (AggregateFunction) new Count();
            operator = new WindowOperator(new TumblingWindows(10_000, 0, true), null, null, 0,
                    WindowOperator.aggregating(count), (key, window, values, firing, out) -> out.collect(values.get(0)),
                    null);
            try {
                operator.open(new SubtaskContext("window", 0, 1, KeyedStateSettings.DEFAULT_MAX_PARALLELISM,
                        WindowOperatorBenchmark.class.getClassLoader(), state, Clock.systemUTC()), new Output() {
                            @Override
                            public void collect(Object result, long timestamp) {
                                counted += (Long) result;
                            }

                            @Override
                            public void emitWatermark(long watermark) {}
                        });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        long next() throws Exception {
            long now = records / RECORDS_PER_MILLI;
            String key = new String(keys[random.nextInt(KEYS)].toCharArray());
            state.setCurrentKey(key);
            operator.processElement(key, now + random.nextInt(1_000));
            if (++records % WATERMARK_EVERY == 0) {
                operator.processWatermark(now - 1_000);
            }
            return counted;
        }

        void close() {
            state.dispose();
        }
    }

    private static final class Count implements AggregateFunction<Object, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Object value, Long accumulator) {
            return accumulator + 1;
        }

        @Override
        public Long getResult(Long accumulator) {
            return accumulator;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }
}
