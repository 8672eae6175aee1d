package io.sluice.runtime.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.json.JobSpecException;
import io.sluice.graph.json.JobSpecParser;
import io.sluice.runtime.expr.ExpressionSandbox;
import io.sluice.runtime.operator.OperatorFactory;
import io.sluice.runtime.operator.TwoInputOperator;
import io.sluice.runtime.testing.OperatorHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Window and interval joins from JSON specs on the harness, with random out-of-order input and late elements, against
 * brute-force pairings computed from the whole input; the interval join also across a snapshot restored into a fresh
 * operator.
 */
class JoinWindowOperatorsTest {

    private static final ClassLoader LOADER = JoinWindowOperatorsTest.class.getClassLoader();

    private record Event(int side, String key, long ts, int id) {
        Map<String, Object> row() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("k", key);
            row.put("id", id);
            return row;
        }
    }

    private static JobGraph parse(String joinJson) {
        return JobSpecParser.parse("""
                {"name": "j", "operators": [
                  {"id": "a", "type": "generator", "kind": "sequence"},
                  {"id": "b", "type": "generator", "kind": "sequence"},
                  %s,
                  {"id": "out", "type": "print", "input": "j"}]}""".formatted(joinJson), ExpressionSandbox.standard()::check);
    }

    private static TwoInputOperator operator(JobGraph graph) {
        return (TwoInputOperator) new OperatorFactory(LOADER, null, System.out)
                .create(graph.vertex("j").orElseThrow().operator());
    }

    @Test
    void jsonJoinsHaveOneKeyPerInputAndInputIndices() {
        JobGraph graph = parse("""
                {"id": "j", "type": "interval-join", "inputs": ["a", "b"], "key-by": ["k", "k"], "lower": -5,
                 "upper": 10, "fields": {"l": "left.id", "r": "#right.id"}}""");
        List<EdgeSpec> inputs = graph.inputsOf("j");
        assertThat(inputs).extracting(EdgeSpec::inputIndex).containsExactly(0, 1);
        assertThat(inputs).extracting(EdgeSpec::key).containsOnly(new FunctionSpec.Expression("k"));
        assertThat(graph.vertex("j").orElseThrow().operator()).isEqualTo(new OperatorSpec.IntervalJoin(-5, 10, true,
                true, new FunctionSpec.Projection(Map.of("l", "left.id", "r", "#right.id"))));
        Assertions.assertThatThrownBy(() -> parse("""
                {"id": "j", "type": "window-join", "inputs": ["a", "b"], "key-by": "k", "fields": {"l": "left"}}"""))
                .isInstanceOf(JobSpecException.class)
                .hasMessageContaining("$.operators[2].key-by: must be an array")
                .hasMessageContaining("$.operators[2].window: is required");
    }

    private static List<Object> events(Random random, int count) {
        List<Object> events = new ArrayList<>();
        long max = 0;
        for (int i = 0; i < count; i++) {
            long ts = Math.max(0, max + random.nextInt(40) - 25);
            max = Math.max(max, ts);
            events.add(new Event(random.nextInt(2), "k" + random.nextInt(4), ts, i));
            if (random.nextInt(6) == 0) {
                events.add(max - 20 - random.nextInt(30)); // a watermark: some later events are late
            }
        }
        return events;
    }

    private static void feed(OperatorHarness h, Object step) throws Exception {
        if (step instanceof Event e) {
            if (e.side() == 0) {
                h.processElement(e.row(), e.ts());
            } else {
                h.processElement2(e.row(), e.ts());
            }
        } else {
            h.processWatermark((Long) step);
        }
    }

    @Test
    void intervalJoinMatchesBruteForceAcrossARestore(@TempDir Path dir) throws Exception {
        JobGraph graph = parse("""
                {"id": "j", "type": "interval-join", "inputs": ["a", "b"], "key-by": ["k", "k"], "lower": -15,
                 "upper": 20, "upper-inclusive": false, "expression": "left.id + ':' + right.id"}""");
        for (long seed = 1; seed <= 15; seed++) {
            List<Object> steps = events(new Random(seed), 300);
            // Brute force: an element is late when behind the last watermark at its arrival (Flink drops those);
            // pairs are all non-late (left, right) of one key with right.ts - left.ts in [-15, 20).
            List<Event> kept = new ArrayList<>();
            long watermark = Long.MIN_VALUE;
            for (Object step : steps) {
                if (step instanceof Event e) {
                    if (watermark == Long.MIN_VALUE || e.ts() >= watermark) {
                        kept.add(e);
                    }
                } else {
                    watermark = Math.max(watermark, (Long) step);
                }
            }
            List<String> expected = new ArrayList<>();
            for (Event l : kept) {
                for (Event r : kept) {
                    if (l.side() == 0 && r.side() == 1 && l.key().equals(r.key()) && r.ts() - l.ts() >= -15
                            && r.ts() - l.ts() < 20) {
                        expected.add(l.id() + ":" + r.id());
                    }
                }
            }
            int cut = new Random(seed * 7).nextInt(steps.size());
            List<Object> output = new ArrayList<>();
            OperatorHarness.Snapshot snapshot;
            try (OperatorHarness h = OperatorHarness.keyedTwoInput(operator(graph), (Map<?, ?> r) -> r.get("k"),
                    (Map<?, ?> r) -> r.get("k"))) {
                for (Object step : steps.subList(0, cut)) {
                    feed(h, step);
                }
                snapshot = h.snapshot(seed, dir.resolve("cp" + seed));
                output.addAll(h.outputValues());
            }
            try (OperatorHarness h = OperatorHarness.restore(List.of(operator(graph)), (Map<?, ?> r) -> r.get("k"),
                    snapshot)) {
                // The watermark is not state (as in Flink): tell the restored operator where event time was.
                h.processWatermark(lastWatermark(steps.subList(0, cut)));
                for (Object step : steps.subList(cut, steps.size())) {
                    feed(h, step);
                }
                h.processWatermark(Long.MAX_VALUE);
                output.addAll(h.outputValues());
                assertThat(h.stateBackend().size("interval-join-left") + h.stateBackend().size("interval-join-right"))
                        .as("buffers cleaned up by the final watermark").isZero();
            }
            assertThat(output).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static long lastWatermark(List<Object> steps) {
        return steps.stream().filter(s -> s instanceof Long).mapToLong(s -> (Long) s).max().orElse(Long.MIN_VALUE);
    }

    @Test
    void windowJoinMatchesBruteForceWithLateElementsDropped() throws Exception {
        JobGraph graph = parse("""
                {"id": "j", "type": "window-join", "inputs": ["a", "b"], "key-by": ["k", "k"],
                 "window": {"kind": "tumbling", "size": "30ms"}, "expression": "left.id + ':' + right.id"}""");
        for (long seed = 1; seed <= 15; seed++) {
            List<Object> steps = events(new Random(seed), 300);
            // Brute force: an element is dropped when its window's end - 1 is at or behind the watermark at arrival.
            List<Event> kept = new ArrayList<>();
            long watermark = Long.MIN_VALUE;
            for (Object step : steps) {
                if (step instanceof Event e) {
                    long windowMax = e.ts() - e.ts() % 30 + 29;
                    if (windowMax > watermark) {
                        kept.add(e);
                    }
                } else {
                    watermark = Math.max(watermark, (Long) step);
                }
            }
            List<String> expected = new ArrayList<>();
            for (Event l : kept) {
                for (Event r : kept) {
                    if (l.side() == 0 && r.side() == 1 && l.key().equals(r.key()) && l.ts() / 30 == r.ts() / 30) {
                        expected.add(l.id() + ":" + r.id());
                    }
                }
            }
            try (OperatorHarness h = OperatorHarness.keyedTwoInput(operator(graph), (Map<?, ?> r) -> r.get("k"),
                    (Map<?, ?> r) -> r.get("k"))) {
                for (Object step : steps) {
                    feed(h, step);
                }
                h.finish();
                assertThat(h.outputValues()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }
}
