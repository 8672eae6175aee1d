package io.sluice.graph;

/**
 * One operator of the job graph.
 *
 * @param id unique within the job, stable across submissions (it also serves as the operator's uid for state)
 * @param name display name
 * @param parallelism number of parallel subtasks
 * @param operator what the vertex does
 */
public record VertexSpec(String id, String name, int parallelism, OperatorSpec operator) {}
