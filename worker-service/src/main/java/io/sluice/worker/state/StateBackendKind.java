package io.sluice.worker.state;

/** Where a worker's tasks keep keyed state ({@code sluice.worker.state-backend}). */
public enum StateBackendKind {
    /** Off-heap, in a Chronicle Map file per operator subtask under the worker's data directory. */
    CHRONICLE,
    /** On the heap: for small state, or a JVM without the Chronicle flags. */
    HEAP
}
