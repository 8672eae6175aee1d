package io.sluice.worker.task;

import io.sluice.protocol.TaskId;
import io.sluice.runtime.metrics.TaskMetrics;

/** Where each task attempt publishes its metrics. */
@FunctionalInterface
public interface TaskMetricsFactory {

    TaskMetricsFactory NONE = (task, attempt) -> TaskMetrics.NONE;

    TaskMetrics forTask(TaskId task, int attempt);
}
