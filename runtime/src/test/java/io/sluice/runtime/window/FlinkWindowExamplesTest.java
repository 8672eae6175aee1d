package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.json.JobSpecParser;
import io.sluice.runtime.expr.ExpressionSandbox;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Flink's windowing examples (TopSpeedWindowing, WindowWordCount, SessionWindowing) as JSON window specs on the
 * operator harness, each against expected output derived independently (see each test).
 */
class FlinkWindowExamplesTest {

    /**
     * TopSpeedWindowing: per car, GlobalWindows with a DeltaTrigger (threshold 50 on distance, compared with the last
     * element that fired, firing on a strictly greater delta, never purging), a TimeEvictor of 10 s applied before
     * each evaluation (removes elements with timestamp <= newest - 10000, and the removal persists), and maxBy speed
     * (first maximum on ties).
     *
     * <p>Input: Flink's CarSource behaviour with a fixed seed: 2 cars, every 100 ms each car's speed goes up or down
     * by 5 (within 0..100, starting at 50) and its distance grows by speed / 3.6. Expected output: replayed per car by
     * the loop below, which keeps the car's window as a plain list.
     */
    @Test
    void topSpeedWindowing() throws Exception {
        List<Map<String, Object>> cars = carEvents(new Random(42), 2, 1_500);
        List<Object> expected = new ArrayList<>();
        Map<Object, List<Map<String, Object>>> windows = new HashMap<>();
        Map<Object, Map<String, Object>> lastFired = new HashMap<>();
        for (Map<String, Object> car : cars) {
            Object id = car.get("carId");
            List<Map<String, Object>> window = windows.computeIfAbsent(id, k -> new ArrayList<>());
            window.add(car);
            Map<String, Object> last = lastFired.get(id);
            if (last == null) {
                lastFired.put(id, car);
                continue;
            }
            if ((double) car.get("distance") - (double) last.get("distance") > 50) {
                lastFired.put(id, car);
                long newest = window.stream().mapToLong(c -> (long) c.get("timestamp")).max().orElseThrow();
                window.removeIf(c -> (long) c.get("timestamp") <= newest - 10_000);
                Map<String, Object> top = window.get(0);
                for (Map<String, Object> candidate : window) {
                    if ((int) candidate.get("speed") > (int) top.get("speed")) {
                        top = candidate;
                    }
                }
                expected.add(top);
            }
        }
        OperatorSpec.Window spec = windowSpec("""
                {"id": "top", "type": "window", "input": "src", "key-by": "carId",
                 "window": {"kind": "global"},
                 "trigger": {"kind": "delta", "threshold": 50, "delta": "distance - #old.distance"},
                 "evictor": {"kind": "time", "size": "10s"},
                 "aggregate": {"function": "max-by", "field": "speed"}}
                """);
        try (var h = OperatorHarness.forSpec(spec, new FunctionSpec.Expression("carId"))) {
            for (Map<String, Object> car : cars) {
                h.processElement(car, (long) car.get("timestamp"));
            }
            h.finish();
            assertThat(expected).hasSizeGreaterThan(20);
            assertThat(h.outputValues()).containsExactlyElementsOf(expected);
        }
    }

    /**
     * WindowWordCount: countWindow(250, 150) = GlobalWindows + CountEvictor(250) + CountTrigger(150), counting words.
     * Expected: the n-th occurrence of a word with n % 150 == 0 emits min(n, 250).
     */
    @Test
    void windowWordCount() throws Exception {
        OperatorSpec.Window spec = windowSpec("""
                {"id": "counts", "type": "window", "input": "src", "key-by": "word",
                 "window": {"kind": "global"}, "trigger": {"kind": "count", "count": 150},
                 "evictor": {"kind": "count", "count": 250}, "aggregate": {"function": "count"}}
                """);
        Random random = new Random(3);
        List<Object> expected = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        try (var h = OperatorHarness.forSpec(spec, new FunctionSpec.Expression("word"))) {
            for (int i = 0; i < 5_000; i++) {
                String word = "w" + Math.min(random.nextInt(4), random.nextInt(6));
                h.processElement(new LinkedHashMap<>(Map.of("word", word)));
                long n = seen.merge(word, 1L, Long::sum);
                if (n % 150 == 0) {
                    expected.add(row("word", word, "count", Math.min(n, 250L)));
                }
            }
            h.finish();
            assertThat(h.outputValues()).containsExactlyElementsOf(expected);
        }
    }

    /**
     * SessionWindowing: Flink's fixed input (key, timestamp, 1), each followed by the watermark timestamp - 1, then the
     * final watermark; sessions with a 3 ms gap, summing the count. Flink prints (a,1,1) (b,1,3) (c,6,1) (a,10,1)
     * (c,11,1): session a [1,4) fires at watermark 4, b [1,8) and c [6,9) at 9, the rest at the end.
     */
    @Test
    void sessionWindowing() throws Exception {
        OperatorSpec.Window spec = windowSpec("""
                {"id": "sessions", "type": "window", "input": "src", "key-by": "id",
                 "window": {"kind": "session", "gap": "3ms"}, "aggregate": {"function": "sum", "field": "count"}}
                """);
        Object[][] input = {{"a", 1L}, {"b", 1L}, {"b", 3L}, {"b", 5L}, {"c", 6L}, {"a", 10L}, {"c", 11L}};
        try (var h = OperatorHarness.forSpec(spec, new FunctionSpec.Expression("id"))) {
            for (Object[] event : input) {
                long timestamp = (long) event[1];
                h.processElement(new LinkedHashMap<>(Map.of("id", event[0], "time", timestamp, "count", 1)), timestamp);
                h.processWatermark(timestamp - 1);
            }
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.outputValues()).containsExactly(
                    session(1, 4, "a", 1), session(1, 8, "b", 3), session(6, 9, "c", 1),
                    session(10, 13, "a", 1), session(11, 14, "c", 1));
        }
    }

    /** JSON reduce emits the reduced row as is; avg rows carry the window bounds and the key. */
    @Test
    void jsonReduceAndAverage() throws Exception {
        OperatorSpec.Window reduce = windowSpec("""
                {"id": "r", "type": "window", "input": "src", "key-by": "id",
                 "window": {"kind": "tumbling", "size": "10ms"},
                 "reduce": {"fields": {"id": "id", "total": "#acc.total + total"}}}
                """);
        OperatorSpec.Window average = windowSpec("""
                {"id": "a", "type": "window", "input": "src", "key-by": "id",
                 "window": {"kind": "sliding", "size": "10ms", "slide": "5ms"},
                 "aggregate": {"function": "avg", "field": "total"}}
                """);
        long[][] input = {{1, 4}, {6, 6}, {12, 10}};
        try (var r = OperatorHarness.forSpec(reduce, new FunctionSpec.Expression("id"));
                var a = OperatorHarness.forSpec(average, new FunctionSpec.Expression("id"))) {
            for (long[] event : input) {
                r.processElement(row("id", "x", "total", event[1]), event[0]);
                a.processElement(row("id", "x", "total", event[1]), event[0]);
            }
            r.finish();
            a.finish();
            assertThat(r.outputValues()).containsExactly(row("id", "x", "total", 10L), row("id", "x", "total", 10L));
            assertThat(a.outputValues()).containsExactly(
                    row("window-start", -5L, "window-end", 5L, "id", "x", "total", 4.0),
                    row("window-start", 0L, "window-end", 10L, "id", "x", "total", 5.0),
                    row("window-start", 5L, "window-end", 15L, "id", "x", "total", 8.0),
                    row("window-start", 10L, "window-end", 20L, "id", "x", "total", 10.0));
        }
    }

    /** The example specs of the repository parse with the real expression checker. */
    @Test
    void exampleSpecsParse() throws Exception {
        for (String name : List.of("window-word-count", "top-speed-windowing", "session-windowing",
                "top-speed-windowing-generated", "window-join")) {
            String json = java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", name + ".json"));
            JobGraph graph = JobSpecParser.parse(json, ExpressionSandbox.standard()::check);
            assertThat(graph.vertices()).extracting(v -> v.operator().getClass().getSimpleName())
                    .containsAnyOf("Window", "WindowJoin");
        }
    }

    private static Map<String, Object> session(long start, long end, String id, int count) {
        return row("window-start", start, "window-end", end, "id", id, "count", count);
    }

    static List<Map<String, Object>> carEvents(Random random, int numberOfCars, int rounds) {
        int[] speeds = new int[numberOfCars];
        double[] distances = new double[numberOfCars];
        java.util.Arrays.fill(speeds, 50);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int car = 0; car < numberOfCars; car++) {
                speeds[car] = random.nextBoolean() ? Math.min(100, speeds[car] + 5) : Math.max(0, speeds[car] - 5);
                distances[car] += speeds[car] / 3.6d;
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("carId", car);
                event.put("speed", speeds[car]);
                event.put("distance", distances[car]);
                event.put("timestamp", round * 100L);
                events.add(event);
            }
        }
        return events;
    }

    static OperatorSpec.Window windowSpec(String operatorJson) {
        JobGraph graph = JobSpecParser.parse("""
                {"name": "t", "operators": [
                  {"id": "src", "type": "kafka-source", "topic": "in"},
                  %s
                ]}
                """.formatted(operatorJson), ExpressionSandbox.standard()::check);
        return (OperatorSpec.Window) graph.vertices().get(1).operator();
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
