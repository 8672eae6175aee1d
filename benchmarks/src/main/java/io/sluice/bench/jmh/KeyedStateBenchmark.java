package io.sluice.bench.jmh;

import io.sluice.api.state.ValueState;
import io.sluice.runtime.state.InMemoryKeyedStateBackend;
import io.sluice.runtime.state.KeyedStateBackend;
import java.util.Random;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a rolling count does per record, through {@link KeyedStateBackend}: set the record's key, read its value
 * state, write the value + 1. Keys are 100k distinct strings visited in a shuffled order; every key already holds
 * a count (the steady state of a long-running job). One op is one record's get + update.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class KeyedStateBenchmark {

    private static final int KEYS = 100_000;

    /** The state backend; each backend module adds its name to this list and to {@link #createBackend}. */
    @Param({"in-memory"})
    public String backend;

    private KeyedStateBackend state;
    private ValueState<Long> count;
    private String[] keys;
    private int next;

    @Setup
    public void setUp() {
        state = createBackend(backend);
        count = state.valueState("count", Long.class);
        keys = shuffledKeys(new Random(42));
        for (String key : keys) {
            state.setCurrentKey(key);
            count.update(0L);
        }
    }

    @Benchmark
    public void incrementCount(Blackhole blackhole) {
        state.setCurrentKey(keys[next]);
        Long previous = count.value();
        long updated = previous == null ? 1 : previous + 1;
        count.update(updated);
        next = next + 1 == KEYS ? 0 : next + 1;
        blackhole.consume(updated);
    }

    @TearDown
    public void tearDown() {
        state.close();
    }

    private static KeyedStateBackend createBackend(String name) {
        return switch (name) {
            case "in-memory" -> new InMemoryKeyedStateBackend();
            default -> throw new IllegalArgumentException("unknown state backend " + name);
        };
    }

    private static String[] shuffledKeys(Random random) {
        String[] keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "key-" + i;
        }
        for (int i = KEYS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swapped = keys[i];
            keys[i] = keys[j];
            keys[j] = swapped;
        }
        return keys;
    }
}
