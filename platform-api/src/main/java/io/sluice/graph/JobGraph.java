package io.sluice.graph;

import java.util.List;
import java.util.Optional;

/**
 * The logical dataflow of a job: operators (vertices) joined by edges. Built by the fluent API or parsed from a
 * JSON spec; immutable. The engine plans it into chains and tasks.
 *
 * @param name human-readable job name
 * @param vertices operators, sources first is not required but ids must be unique
 * @param edges data edges between vertices
 * @param config job-wide settings
 */
public record JobGraph(String name, List<VertexSpec> vertices, List<EdgeSpec> edges, JobConfig config) {

    public JobGraph {
        vertices = List.copyOf(vertices);
        edges = List.copyOf(edges);
    }

    public Optional<VertexSpec> vertex(String id) {
        return vertices.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    public List<EdgeSpec> inputsOf(String vertexId) {
        return edges.stream().filter(e -> e.target().equals(vertexId)).toList();
    }

    public List<EdgeSpec> outputsOf(String vertexId) {
        return edges.stream().filter(e -> e.source().equals(vertexId)).toList();
    }
}
