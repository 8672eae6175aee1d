package io.sluice.worker.metrics;

import io.sluice.protocol.ControlMessage.TaskMetricsReport;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import io.sluice.worker.task.StatusReporter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the engine a {@link TaskMetricsReport} every interval: the latest metrics of each task here (including the
 * final numbers of tasks that ended since the last report) and of the worker. Losing one is harmless: the next
 * report carries newer numbers.
 */
public final class TaskMetricsReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskMetricsReporter.class);

    private final WorkerId worker;
    private final TaskMetricsStore store;
    private final WorkerMetricsSampler sampler;
    private final Supplier<List<TaskId>> runningTasks;
    private final StatusReporter reporter;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "task-metrics-reporter");
        thread.setDaemon(true);
        return thread;
    });

    public TaskMetricsReporter(WorkerId worker, TaskMetricsStore store, WorkerMetricsSampler sampler,
            Supplier<List<TaskId>> runningTasks, StatusReporter reporter, Clock clock) {
        this.worker = worker;
        this.store = store;
        this.sampler = sampler;
        this.runningTasks = runningTasks;
        this.reporter = reporter;
        this.clock = clock;
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void report() {
        try {
            // Running tasks first: a task that ends after this line still has its final numbers sent next time.
            HashSet<TaskId> running = new HashSet<>(runningTasks.get());
            reporter.report(new TaskMetricsReport(worker, clock.millis(), sampler.sample(), store.snapshot()));
            store.retainOnly(running);
        } catch (RuntimeException e) {
            log.debug("Could not send the task metrics of worker {}: {}", worker, e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
