package io.sluice.engine.web;

import io.sluice.engine.scheduler.Worker;
import io.sluice.engine.scheduler.WorkerRegistry;
import java.util.List;

/**
 * {@code GET /taskmanagers}, with Flink's own (camelCase) key names so Flink-aware tools read it:
 * {@code path} is the worker's HTTP address (host:port); {@code dataPort} is always -1, since data flows through
 * Kafka, not a worker port; {@code timeSinceLastHeartbeat} is, as in Flink despite its name, the epoch millis of
 * the last heartbeat.
 */
public record TaskManagers(List<TaskManager> taskmanagers) {

    public record TaskManager(
            String id, String path, int dataPort, long timeSinceLastHeartbeat, int slotsNumber, int freeSlots) {}

    static final int NO_DATA_PORT = -1;

    static TaskManagers of(WorkerRegistry registry) {
        return new TaskManagers(registry.workers().stream().map(TaskManagers::of).toList());
    }

    private static TaskManager of(Worker worker) {
        return new TaskManager(
                worker.id().value(),
                worker.address(),
                NO_DATA_PORT,
                RestTime.millis(worker.lastHeartbeat()),
                worker.slots(),
                worker.freeSlots());
    }
}
