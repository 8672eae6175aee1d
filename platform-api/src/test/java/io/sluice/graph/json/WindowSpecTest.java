package io.sluice.graph.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.EvictorSpec;
import io.sluice.graph.window.TimeDomain;
import io.sluice.graph.window.TriggerSpec;
import io.sluice.graph.window.WindowFunctionSpec;
import io.sluice.graph.window.WindowFunctionSpec.BuiltInKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowSpecTest {

    private static final ExpressionChecker CHECKER =
            expression -> expression.contains("BAD") ? Optional.of("unexpected token") : Optional.empty();

    @Test
    void readsTopSpeedWindowing() {
        JobGraph graph = JobSpecParser.parse("""
                {"name": "top-speed", "operators": [
                  {"id": "cars", "type": "kafka-source", "topic": "cars"},
                  {"id": "top", "type": "window", "input": "cars", "key-by": "carId",
                   "window": {"kind": "global"},
                   "trigger": {"kind": "delta", "threshold": 50, "delta": "distance - #old.distance"},
                   "evictor": {"kind": "time", "size": "10s"},
                   "aggregate": {"function": "max-by", "field": "speed"}},
                  {"id": "out", "type": "print", "input": "top"}
                ]}
                """, CHECKER);
        assertThat(graph.vertex("top").orElseThrow().operator()).isEqualTo(new OperatorSpec.Window(
                new AssignerSpec.Global(),
                new TriggerSpec.Delta(50, new FunctionSpec.Expression("distance - #old.distance")),
                new EvictorSpec.Time(10_000, false), 0,
                new WindowFunctionSpec.BuiltIn(BuiltInKind.MAX_BY, "speed", List.of("carId")), null));
    }

    @Test
    void readsTimeWindowsTriggersLatenessAndReduce() {
        JobGraph graph = JobSpecParser.parse("""
                {"name": "w", "operators": [
                  {"id": "src", "type": "kafka-source", "topic": "in"},
                  {"id": "a", "type": "window", "input": "src", "key-by": "user",
                   "window": {"kind": "sliding", "size": "10s", "slide": "5s", "time": "processing"},
                   "trigger": {"kind": "purging", "trigger": {"kind": "count", "count": 3}},
                   "allowed-lateness": "1s", "late-output-topic": "late-a", "aggregate": {"function": "avg", "field": "speed"}},
                  {"id": "b", "type": "window", "input": "src", "key-by": "#lower(user)",
                   "window": {"kind": "session", "gap": "3ms"}, "reduce": {"expression": "#acc"}}
                ]}
                """, CHECKER);
        assertThat(graph.vertex("a").orElseThrow().operator()).isEqualTo(new OperatorSpec.Window(
                new AssignerSpec.Sliding(10_000, 5_000, 0, TimeDomain.PROCESSING),
                new TriggerSpec.Purging(new TriggerSpec.Count(3)), null, 1_000,
                new WindowFunctionSpec.BuiltIn(BuiltInKind.AVG, "speed", List.of("user")), "late-a"));
        assertThat(graph.vertex("b").orElseThrow().operator()).isEqualTo(new OperatorSpec.Window(
                new AssignerSpec.Session(3, null, TimeDomain.EVENT), null, null, 0,
                new WindowFunctionSpec.Reduce(new FunctionSpec.Expression("#acc"), null), null));
    }

    @Test
    void reportsWindowErrorsOnTheirPaths() {
        List<SpecError> errors = errors("""
                {"name": "w", "operators": [
                  {"id": "src", "type": "kafka-source", "topic": "in"},
                  {"id": "a", "type": "window", "input": "src", "key-by": "user",
                   "window": {"kind": "hopping", "size": "-1s"},
                   "trigger": {"kind": "count"},
                   "evictor": {"kind": "time", "size": "1s", "before": true},
                   "aggregate": {"function": "median", "field": "x"}},
                  {"id": "b", "type": "window", "input": "src",
                   "window": {"kind": "tumbling"}, "reduce": {"expression": "BAD"}}
                ]}
                """);
        assertThat(errors).extracting(SpecError::field).containsExactlyInAnyOrder(
                "$.operators[1].window.kind",
                "$.operators[1].window.size",
                "$.operators[1].trigger.count",
                "$.operators[1].evictor.before",
                "$.operators[1].aggregate.function",
                "$.operators[2].window.size",
                "$.operators[2].reduce.expression",
                "$.operators[2].key-by");
    }

    private static List<SpecError> errors(String json) {
        try {
            JobSpecParser.parse(json, CHECKER);
        } catch (JobSpecException e) {
            return e.errors();
        }
        throw new AssertionError("expected the spec to be rejected");
    }
}
