package io.sluice.graph.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.Partitioning;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatermarkSpecTest {

    private static final ExpressionChecker CHECKER =
            expression -> expression.contains("BAD") ? Optional.of("unexpected token") : Optional.empty();

    @Test
    void nestedWatermarksAddAVertexThatConsumersReadThrough() {
        JobGraph graph = JobSpecParser.parse("""
                {"name": "j", "parallelism": 2, "operators": [
                  {"id": "src", "type": "kafka-source", "topic": "in",
                   "watermarks": {"timestamp": "ts", "out-of-orderness": "2s", "idleness": "10s"}},
                  {"id": "out", "type": "print", "input": "src"}
                ]}
                """, CHECKER);
        assertThat(graph.vertex("src-watermarks").orElseThrow().operator())
                .isEqualTo(new OperatorSpec.Watermarks(new FunctionSpec.Expression("ts"), 2_000, 10_000, 200));
        assertThat(graph.vertex("src-watermarks").orElseThrow().parallelism()).isEqualTo(2);
        assertThat(graph.edges()).containsExactly(
                new EdgeSpec("src", "src-watermarks", Partitioning.FORWARD, null),
                new EdgeSpec("src-watermarks", "out", Partitioning.FORWARD, null));
    }

    @Test
    void standaloneOperatorWithDurationsInMillisAndUnits() {
        JobGraph graph = JobSpecParser.parse("""
                {"name": "j", "operators": [
                  {"id": "src", "type": "generator", "kind": "sequence"},
                  {"id": "w", "type": "watermarks", "input": "src", "out-of-orderness": 1500, "interval": "1m"}
                ]}
                """, CHECKER);
        assertThat(graph.vertex("w").orElseThrow().operator())
                .isEqualTo(new OperatorSpec.Watermarks(null, 1_500, 0, 60_000));
    }

    @Test
    void reportsBadDurationsAndUnknownFieldsOnTheirPaths() {
        List<SpecError> errors = errors("""
                {"name": "j", "operators": [
                  {"id": "src", "type": "generator", "kind": "sequence",
                   "watermarks": {"timestamp": "BAD", "out-of-orderness": "2 weeks", "idle": "1s"}}
                ]}
                """);
        assertThat(errors).extracting(SpecError::field).containsExactlyInAnyOrder(
                "$.operators[0].watermarks.timestamp",
                "$.operators[0].watermarks.out-of-orderness",
                "$.operators[0].watermarks.idle");
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
