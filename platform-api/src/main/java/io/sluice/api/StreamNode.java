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
    /** When set (and no parallelism is), the node whose parallelism this one takes. */
    private StreamNode follows;

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

    /** Runs with the parallelism of {@code other}, also when that is the job's default. */
    void followParallelismOf(StreamNode other) {
        this.follows = other;
    }

    String id() {
        return id;
    }

    int parallelism(int jobParallelism) {
        if (parallelism != null) {
            return parallelism;
        }
        return follows != null ? follows.parallelism(jobParallelism) : jobParallelism;
    }

    VertexSpec toVertex(int jobParallelism) {
        return new VertexSpec(id, name != null ? name : id, parallelism(jobParallelism), operator);
    }
}
