package io.sluice.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.function.Collector;
import io.sluice.api.function.KeyedProcessFunction;
import io.sluice.api.function.RuntimeContext;
import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import io.sluice.runtime.operator.Operator;
import io.sluice.runtime.testing.OperatorHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's asynchronous phase: the snapshot captured at the barrier is written on another thread while the
 * operator goes on changing the same keys, and an operator restored from it holds exactly the state at the barrier.
 * The expected state is a plain map of count and sum per key, kept by the test alongside the records it feeds.
 */
class AsynchronousSnapshotTest {

    private static final int KEYS = 50;

    /** Per key, a count and a sum of the values; every record emits {@code key=count/sum} after its update. */
    static final class CountAndSum extends KeyedProcessFunction<String, Long, String> {
        private transient ValueState<Long> count;
        private transient ValueState<Long> sum;

        @Override
        public void open(RuntimeContext context) {
            count = context.getState(new ValueStateDescriptor<>("count", Long.class));
            sum = context.getState(new ValueStateDescriptor<>("sum", Long.class));
        }

        @Override
        public void processElement(Long value, Context<String> ctx, Collector<String> out) {
            long c = count.value() == null ? 1 : count.value() + 1;
            long s = (sum.value() == null ? 0 : sum.value()) + value;
            count.update(c);
            sum.update(s);
            out.collect(ctx.getCurrentKey() + "=" + c + "/" + s);
        }
    }

    /** The model: count and sum per key. */
    private final Map<String, long[]> expected = new HashMap<>();
    private final Random random = new Random(7);
    private final ExecutorService writerThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopWriter() {
        writerThread.shutdownNow();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void recordsAfterTheBarrierChangeTheSameKeysWhileTheSnapshotIsWrittenAndNotTheSnapshot(@TempDir Path directory)
            throws Exception {
        OperatorHarness.Snapshot first;
        OperatorHarness.Snapshot second;
        Map<String, long[]> atFirst;
        Map<String, long[]> atSecond;
        try (OperatorHarness h = harness(newOperator())) {
            feed(h, 5_000);
            atFirst = copy(expected);
            OperatorHarness.Captured captured = h.capture(1, directory.resolve("chk-1"));
            CompletableFuture<OperatorHarness.Snapshot> written = writeInBackground(captured);
            feed(h, 5_000);
            first = written.get();

            atSecond = copy(expected);
            captured = h.capture(2, directory.resolve("chk-2"));
            written = writeInBackground(captured);
            feed(h, 5_000);
            second = written.get();
            assertThat(second.keyedState().isFull()).as("checkpoint 2 is incremental").isFalse();
        }
        assertThat(view(atFirst)).isNotEqualTo(view(atSecond)).isNotEqualTo(view(expected));
        assertRestoredState(first, atFirst);
        assertRestoredState(second, atSecond);
    }

    private CompletableFuture<OperatorHarness.Snapshot> writeInBackground(OperatorHarness.Captured captured) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return captured.write();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, writerThread);
    }

    /** Restored into a fresh operator, a probe per key (offset 0) shows the key's count and sum. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void assertRestoredState(OperatorHarness.Snapshot snapshot, Map<String, long[]> atBarrier)
            throws Exception {
        try (OperatorHarness h = OperatorHarness.restore(List.of(newOperator()), (Long v) -> key(v),
                snapshot)) {
            for (int k = 0; k < KEYS; k++) {
                h.processElement(k * 1_000_000L, 0);
            }
            List<String> probes = h.outputValues().stream().map(Object::toString).toList();
            List<String> wanted = new ArrayList<>();
            for (int k = 0; k < KEYS; k++) {
                long[] state = atBarrier.getOrDefault("k" + k, new long[2]);
                wanted.add("k" + k + "=" + (state[0] + 1) + "/" + (state[1] + k * 1_000_000L));
            }
            assertThat(probes).containsExactlyElementsOf(wanted);
        }
    }

    /** Records of random keys: a value's key is its millions, its offset 1..999. */
    private void feed(OperatorHarness h, int records) throws Exception {
        for (int i = 0; i < records; i++) {
            int k = random.nextInt(KEYS);
            long offset = 1 + random.nextInt(999);
            long value = k * 1_000_000L + offset;
            h.processElement(value, i);
            long[] state = expected.computeIfAbsent("k" + k, x -> new long[2]);
            state[0]++;
            state[1] += value;
        }
    }

    private static String key(Long value) {
        return "k" + value / 1_000_000L;
    }

    private static Map<String, String> view(Map<String, long[]> state) {
        Map<String, String> view = new HashMap<>();
        state.forEach((key, value) -> view.put(key, value[0] + "/" + value[1]));
        return view;
    }

    private static Map<String, long[]> copy(Map<String, long[]> state) {
        Map<String, long[]> copy = new HashMap<>();
        state.forEach((key, value) -> copy.put(key, value.clone()));
        return copy;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Operator newOperator() {
        return new KeyedProcessOperator((KeyedProcessFunction) new CountAndSum());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static OperatorHarness harness(Operator operator) throws Exception {
        return OperatorHarness.keyed(operator, (Long v) -> key(v));
    }
}
