package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.engine.job.JobMaster;
import io.sluice.engine.metrics.TaskMetricsRegistry;
import io.sluice.engine.metrics.VertexMetrics;
import io.sluice.graph.EdgeSpec;
import io.sluice.graph.OperatorTypes;
import io.sluice.graph.VertexSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /jobs/{jobid}/plan}: Flink's plan (nodes with their inputs and ship strategies), each node with the
 * chain it runs in and, a Sluice addition, its live metrics so a graph view needs one request.
 */
public record JobPlan(Plan plan) {

    public record Plan(String jid, String name, String type, List<Node> nodes) {}

    public record Node(
            String id,
            int parallelism,
            String operator,
            @JsonProperty("operator_strategy") String operatorStrategy,
            String description,
            String chain,
            List<Input> inputs,
            @JsonProperty("optimizer_properties") Map<String, Object> optimizerProperties,
            NodeMetrics metrics) {}

    /** One incoming edge; {@code id} is the upstream node. */
    public record Input(int num, String id, @JsonProperty("ship_strategy") String shipStrategy, String exchange) {}

    /** Sums over the node's subtasks; watermarks are the minimum over them (null: none yet). */
    public record NodeMetrics(
            @JsonProperty("read-records") long readRecords,
            @JsonProperty("write-records") long writeRecords,
            @JsonProperty("read-records-per-second") double readRecordsPerSecond,
            @JsonProperty("write-records-per-second") double writeRecordsPerSecond,
            @JsonProperty("backpressure-ratio") double backPressureRatio,
            @JsonProperty("backpressure-level") String backPressureLevel,
            @JsonProperty("busy-ratio") double busyRatio,
            @JsonProperty("input-watermark") Long inputWatermark,
            @JsonProperty("output-watermark") Long outputWatermark,
            boolean reported) {

        static NodeMetrics of(VertexMetrics metrics) {
            return new NodeMetrics(metrics.recordsIn(), metrics.recordsOut(), metrics.recordsInPerSecond(),
                    metrics.recordsOutPerSecond(), metrics.backPressureRatio(),
                    io.sluice.engine.metrics.BackPressureLevel.of(metrics.backPressureRatio()).restName(),
                    metrics.busyRatio(), Watermarks.rest(metrics.inputWatermark()),
                    Watermarks.rest(metrics.outputWatermark()), metrics.reported());
        }
    }

    static JobPlan of(JobMaster job, TaskMetricsRegistry registry) {
        List<Node> nodes = job.graph().vertices().stream().map(vertex -> node(job, vertex, registry)).toList();
        return new JobPlan(new Plan(job.id().hex(), job.name(), "STREAMING", nodes));
    }

    private static Node node(JobMaster job, VertexSpec vertex, TaskMetricsRegistry registry) {
        List<EdgeSpec> edges = job.graph().inputsOf(vertex.id());
        List<Input> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            EdgeSpec edge = edges.get(i);
            inputs.add(new Input(i, VertexHexId.of(edge.source()), Objects.toString(edge.partitioning()),
                    "pipelined_bounded"));
        }
        String chain = job.plan().chains().stream().filter(c -> c.vertexIds().contains(vertex.id()))
                .map(c -> VertexHexId.of(c.id())).findFirst().orElse(null);
        return new Node(
                VertexHexId.of(vertex.id()),
                vertex.parallelism(),
                OperatorTypes.typeName(vertex.operator()),
                vertex.operator().isKeyed() ? "keyed" : "",
                vertex.name(),
                chain,
                inputs,
                Map.of(),
                NodeMetrics.of(VertexMetrics.of(job, vertex.id(), registry)));
    }
}
