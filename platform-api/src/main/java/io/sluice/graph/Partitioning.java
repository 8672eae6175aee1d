package io.sluice.graph;

/** How an edge routes records from upstream to downstream subtasks (Flink's ship strategies). */
public enum Partitioning {
    /** Subtask i feeds subtask i; requires equal parallelism. Chained into one task where possible. */
    FORWARD,
    /** By key group of the edge's key: every record of a key reaches the same subtask. */
    HASH,
    /** Round robin. */
    REBALANCE,
    /** Every record to every downstream subtask. */
    BROADCAST
}
