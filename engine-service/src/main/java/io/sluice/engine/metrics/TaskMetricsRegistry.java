package io.sluice.engine.metrics;

import io.sluice.protocol.ControlMessage.TaskMetricsReport;
import io.sluice.protocol.SubtaskMetrics;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import io.sluice.protocol.WorkerMetrics;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest metrics workers reported, per task and per worker. Written by the status listener's thread, read by
 * REST handlers and the job manager's thread: thread-safe, and never consulted for a decision (display only).
 */
public final class TaskMetricsRegistry {

    /** A worker's metrics and when it sent them. */
    public record ReportedWorker(WorkerMetrics metrics, Instant reportedAt) {}

    private final Map<TaskId, SubtaskMetrics> tasks = new ConcurrentHashMap<>();
    private final Map<WorkerId, ReportedWorker> workers = new ConcurrentHashMap<>();

    public void accept(TaskMetricsReport report) {
        workers.put(report.worker(), new ReportedWorker(report.workerMetrics(), Instant.ofEpochMilli(report.timestampMillis())));
        for (SubtaskMetrics metrics : report.tasks()) {
            // A report of an older attempt that arrives late must not hide the current attempt's numbers.
            tasks.merge(metrics.task(), metrics, (old, latest) -> latest.attempt() >= old.attempt() ? latest : old);
        }
    }

    /** The latest metrics of that attempt of the task, if it reported any. */
    public Optional<SubtaskMetrics> task(TaskId task, int attempt) {
        return Optional.ofNullable(tasks.get(task)).filter(m -> m.attempt() == attempt);
    }

    public Optional<ReportedWorker> worker(WorkerId worker) {
        return Optional.ofNullable(workers.get(worker));
    }
}
