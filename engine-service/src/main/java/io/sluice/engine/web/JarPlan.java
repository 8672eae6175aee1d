package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.graph.JobGraph;
import io.sluice.graph.VertexSpec;
import java.util.List;

/** Response of {@code GET /jars/{jarid}/plan}: the job graph the jar would run (Flink's {@code plan.nodes}). */
public record JarPlan(Plan plan) {

    public record Plan(String name, int parallelism, @JsonProperty("max-parallelism") int maxParallelism,
            boolean checkpointing, List<Node> nodes) {}

    /** One operator; {@code inputs} are the edges into it. */
    public record Node(String id, String name, String operator, int parallelism, List<Input> inputs) {}

    public record Input(String id, @JsonProperty("ship_strategy") String shipStrategy) {}

    static JarPlan of(JobGraph graph) {
        List<Node> nodes = graph.vertices().stream().map(v -> node(graph, v)).toList();
        return new JarPlan(new Plan(graph.name(), graph.config().parallelism(), graph.config().maxParallelism(),
                graph.config().checkpointing() != null, nodes));
    }

    private static Node node(JobGraph graph, VertexSpec vertex) {
        List<Input> inputs = graph.inputsOf(vertex.id()).stream()
                .map(e -> new Input(e.source(), String.valueOf(e.partitioning())))
                .toList();
        return new Node(vertex.id(), vertex.name(), vertex.operator().getClass().getSimpleName(),
                vertex.parallelism(), inputs);
    }
}
