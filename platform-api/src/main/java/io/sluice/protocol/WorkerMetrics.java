package io.sluice.protocol;

/**
 * A worker's JVM and state store, sampled when it reports.
 *
 * @param offHeapUsedBytes non-heap memory plus direct and mapped buffers
 * @param chronicleMapBytes bytes of the Chronicle Map files holding keyed state; 0 on the heap backend
 * @param gcTimeMillis total time spent in garbage collection since the worker started
 */
public record WorkerMetrics(
        int slots,
        int freeSlots,
        long heapUsedBytes,
        long heapMaxBytes,
        long offHeapUsedBytes,
        long chronicleMapBytes,
        long gcTimeMillis,
        long gcCount) {}
