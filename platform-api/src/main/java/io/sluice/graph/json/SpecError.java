package io.sluice.graph.json;

/**
 * One problem in a job spec or job graph.
 *
 * @param field where: a JSON path such as {@code $.operators[2].parallelism}, or for graphs built in Java a path
 *     such as {@code vertex[words].parallelism}
 * @param reason what is wrong, for humans
 */
public record SpecError(String field, String reason) {

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
