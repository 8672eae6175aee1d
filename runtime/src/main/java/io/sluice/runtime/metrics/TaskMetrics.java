package io.sluice.runtime.metrics;

import io.sluice.protocol.SubtaskMetrics;

/**
 * Where a task publishes what it measured: about once a second while it runs, and once more when it ends. The
 * worker backs it with Micrometer and ships it to the engine; tests collect it. Called on the task thread; an
 * implementation must not block.
 */
@FunctionalInterface
public interface TaskMetrics {

    /** Discards everything (tasks of the local runner, unless a test asks). */
    TaskMetrics NONE = metrics -> {};

    void publish(SubtaskMetrics metrics);
}
