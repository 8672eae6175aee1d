package io.sluice.api;

import io.sluice.graph.OperatorSpec;
import io.sluice.graph.VertexSpec;

/**
 * A vertex while the job is being built: id, name and parallelism can still change through the stream objects
 * that point at it. Edges refer to nodes, not ids, so a later {@code uid(...)} keeps them connected.
 */
final class StreamNode {

    private final OperatorSpec operator;
    private String id;
    private String name;
    /** Null until set: the job's parallelism applies. */
    private Integer parallelism;

    StreamNode(String id, OperatorSpec operator) {
        this.id = id;
        this.operator = operator;
    }

    void setId(String id) {
        this.id = id;
    }

    void setName(String name) {
        this.name = name;
    }

    void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    String id() {
        return id;
    }

    int parallelism(int jobParallelism) {
        return parallelism != null ? parallelism : jobParallelism;
    }

    VertexSpec toVertex(int jobParallelism) {
        return new VertexSpec(id, name != null ? name : id, parallelism(jobParallelism), operator);
    }
}
