package io.sluice.engine.web;

import io.sluice.engine.job.JobMaster;
import io.sluice.engine.metrics.TaskMetricsRegistry;
import io.sluice.engine.scheduler.Worker;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.WorkerMetrics;
import java.util.Collection;
import java.util.List;

/**
 * {@code GET /taskmanagers/{tmid}}: the worker as in {@code /taskmanagers} (Flink's camelCase keys), its latest
 * JVM and state-store metrics (null until it reported), and the tasks it runs.
 */
public record TaskManagerDetails(
        String id,
        String path,
        int dataPort,
        long timeSinceLastHeartbeat,
        int slotsNumber,
        int freeSlots,
        Metrics metrics,
        List<Task> tasks) {

    public record Metrics(
            long heapUsed,
            long heapMax,
            long offHeapUsed,
            long chronicleMapBytes,
            long garbageCollectionTime,
            long garbageCollectionCount,
            long reportedAt) {}

    /** A task of a job on this worker: the REST vertex ids and the names of the operators of its chain. */
    public record Task(String jobId, String jobName, String task, int subtask, String status, List<String> vertices,
            List<String> operators) {}

    static TaskManagerDetails of(Worker worker, TaskMetricsRegistry registry, Collection<JobMaster> jobs) {
        Metrics metrics = registry.worker(worker.id()).map(reported -> {
            WorkerMetrics m = reported.metrics();
            return new Metrics(m.heapUsedBytes(), m.heapMaxBytes(), m.offHeapUsedBytes(), m.chronicleMapBytes(),
                    m.gcTimeMillis(), m.gcCount(), RestTime.millis(reported.reportedAt()));
        }).orElse(null);
        List<Task> tasks = jobs.stream().flatMap(job -> job.tasks().stream()
                .filter(t -> t.worker().filter(worker.id()::equals).isPresent() && !t.state().isTerminal())
                .map(t -> new Task(job.id().hex(), job.name(), t.id().chainId(), t.id().subtask(), t.state().name(),
                        job.plan().chain(t.id().chainId()).vertexIds().stream().map(VertexHexId::of).toList(),
                        job.plan().chain(t.id().chainId()).vertexIds().stream()
                                .map(v -> job.graph().vertex(v).map(VertexSpec::name).orElse(v)).toList())))
                .toList();
        return new TaskManagerDetails(worker.id().value(), worker.address(), TaskManagers.NO_DATA_PORT,
                RestTime.millis(worker.lastHeartbeat()), worker.slots(), worker.freeSlots(), metrics, tasks);
    }
}
