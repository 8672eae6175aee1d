package io.sluice.engine.scheduler;

import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The live workers and their slots. Registration is implicit: a worker's first heartbeat registers it. */
public final class WorkerRegistry {

    private final Map<WorkerId, Worker> workers = new LinkedHashMap<>();

    /**
     * Records a heartbeat, registering the worker if it is new.
     *
     * @return whether the cluster's capacity changed (a new worker or a different slot count)
     */
    public boolean heartbeat(WorkerId id, String address, int slots, Instant now) {
        Worker known = workers.get(id);
        if (known == null) {
            workers.put(id, new Worker(id, address, slots, now));
            return true;
        }
        return known.heartbeat(address, slots, now);
    }

    /** Records the tasks a registered worker says it runs (its heartbeat's list). */
    public void reportRunning(WorkerId id, Collection<TaskId> running) {
        Worker known = workers.get(id);
        if (known != null) {
            known.reportRunning(running);
        }
    }

    /** Whether any worker's last heartbeat listed a task of the job: tasks of an old attempt may still run there. */
    public boolean anyReportsTaskOf(JobId job) {
        return workers.values().stream().anyMatch(w -> w.reportsTaskOf(job));
    }

    public Optional<Worker> remove(WorkerId id) {
        return Optional.ofNullable(workers.remove(id));
    }

    /** Workers whose last heartbeat is older than {@code timeout} at {@code now}. */
    public List<Worker> expired(Instant now, Duration timeout) {
        return workers.values().stream()
                .filter(w -> Duration.between(w.lastHeartbeat(), now).compareTo(timeout) > 0)
                .toList();
    }

    public Optional<Worker> worker(WorkerId id) {
        return Optional.ofNullable(workers.get(id));
    }

    public Collection<Worker> workers() {
        return List.copyOf(workers.values());
    }

    public boolean contains(WorkerId id) {
        return workers.containsKey(id);
    }

    public int totalSlots() {
        return workers.values().stream().mapToInt(Worker::slots).sum();
    }

    public int freeSlots() {
        return workers.values().stream().mapToInt(Worker::freeSlots).sum();
    }

    /** Takes the slots of a placement. */
    public void allocate(Placement placement) {
        placement.assignments().forEach((task, worker) -> {
            Worker target = workers.get(worker);
            if (target == null) {
                throw new IllegalArgumentException("unknown worker " + worker);
            }
            target.assign(task);
        });
    }

    /** Frees the slots of these tasks, on whichever workers still hold them. */
    public void release(Collection<TaskId> tasks) {
        workers.values().forEach(w -> tasks.forEach(w::release));
    }
}
