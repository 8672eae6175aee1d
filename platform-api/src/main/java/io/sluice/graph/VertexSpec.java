package io.sluice.graph;

/**
 * One operator of the job graph.
 *
 * @param id unique within the job
 * @param name display name
 * @param parallelism number of parallel subtasks
 * @param operator what the vertex does
 * @param uid the operator's identity for state, stable across submissions of changed jobs: savepoints key operator
 *     state by it, and a job resumed from a savepoint gets the state of the operator with the same uid. Null in the
 *     constructor means the default, the id ({@link #uid()} never returns null)
 */
public record VertexSpec(String id, String name, int parallelism, OperatorSpec operator, String uid) {

    public VertexSpec {
        uid = uid == null ? id : uid;
    }

    /** With the default uid: the id. */
    public VertexSpec(String id, String name, int parallelism, OperatorSpec operator) {
        this(id, name, parallelism, operator, null);
    }

    /** The same vertex with another parallelism (and the same uid). */
    public VertexSpec withParallelism(int newParallelism) {
        return new VertexSpec(id, name, newParallelism, operator, uid);
    }
}
