package io.sluice.graph;

/**
 * A data edge.
 *
 * @param source upstream vertex id
 * @param target downstream vertex id
 * @param partitioning how records are routed to downstream subtasks
 * @param key key selector; required for {@link Partitioning#HASH}, null otherwise
 * @param inputIndex which logical input of the target the edge feeds: 0, or 1 for the second input of a two-input
 *     operator (connect, joins); several edges into the same input are a union
 * @param sideOutput the id of the source's side output the edge carries, or null for its main output
 */
public record EdgeSpec(
        String source, String target, Partitioning partitioning, FunctionSpec key, int inputIndex, String sideOutput) {

    public EdgeSpec {
        if (inputIndex < 0 || inputIndex > 1) {
            throw new IllegalArgumentException("input index must be 0 or 1, got " + inputIndex);
        }
    }

    /** An edge of the source's main output into the target's first input. */
    public EdgeSpec(String source, String target, Partitioning partitioning, FunctionSpec key) {
        this(source, target, partitioning, key, 0, null);
    }

    public static EdgeSpec forward(String source, String target) {
        return new EdgeSpec(source, target, Partitioning.FORWARD, null);
    }
}
