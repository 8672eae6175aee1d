package io.sluice.graph;

/**
 * A data edge.
 *
 * @param source upstream vertex id
 * @param target downstream vertex id
 * @param partitioning how records are routed to downstream subtasks
 * @param key key selector; required for {@link Partitioning#HASH}, null otherwise
 */
public record EdgeSpec(String source, String target, Partitioning partitioning, FunctionSpec key) {

    public static EdgeSpec forward(String source, String target) {
        return new EdgeSpec(source, target, Partitioning.FORWARD, null);
    }
}
