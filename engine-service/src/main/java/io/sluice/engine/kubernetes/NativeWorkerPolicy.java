package io.sluice.engine.kubernetes;

import java.time.Duration;

/**
 * How native mode sizes the worker pool.
 *
 * @param slotsPerWorker slots each created worker offers (its SLUICE_WORKER_SLOTS)
 * @param maxWorkers never more worker pods than this
 * @param idleTimeout a worker with no task for this long is removed
 * @param startTimeout a pod whose worker has not registered this long after creation is deleted (bad image,
 *     unschedulable): it would otherwise count as coming slots forever
 * @param initialBackoff wait after a failed Kubernetes API call, doubled on each further failure
 * @param maxBackoff the longest wait between retries
 */
public record NativeWorkerPolicy(
        int slotsPerWorker,
        int maxWorkers,
        Duration idleTimeout,
        Duration startTimeout,
        Duration initialBackoff,
        Duration maxBackoff) {

    public NativeWorkerPolicy {
        if (slotsPerWorker < 1 || maxWorkers < 0) {
            throw new IllegalArgumentException("slotsPerWorker must be ≥ 1 and maxWorkers ≥ 0");
        }
        if (idleTimeout.isNegative() || startTimeout.isNegative() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("durations must be ≥ 0 and maxBackoff ≥ initialBackoff");
        }
    }
}
