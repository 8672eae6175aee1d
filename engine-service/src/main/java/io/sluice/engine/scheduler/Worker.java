package io.sluice.engine.scheduler;

import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** A registered worker (TaskManager): its slots, the tasks the engine placed on it, its last heartbeat. */
public final class Worker {

    private final WorkerId id;
    private String address;
    private int slots;
    private Instant lastHeartbeat;
    private final Set<TaskId> tasks = new LinkedHashSet<>();
    /** The tasks the worker said it runs in its last heartbeat: its truth, which may differ from the placement. */
    private Set<TaskId> reported = Set.of();

    Worker(WorkerId id, String address, int slots, Instant lastHeartbeat) {
        this.id = id;
        this.address = address;
        this.slots = slots;
        this.lastHeartbeat = lastHeartbeat;
    }

    public WorkerId id() {
        return id;
    }

    /** host:port of the worker's HTTP endpoint. */
    public String address() {
        return address;
    }

    public int slots() {
        return slots;
    }

    /** Slots not holding a task; never negative, even if the worker shrank below its current load. */
    public int freeSlots() {
        return Math.max(0, slots - tasks.size());
    }

    public Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    /** @return whether the slot count changed */
    boolean heartbeat(String newAddress, int newSlots, Instant now) {
        boolean resized = slots != newSlots;
        address = newAddress;
        slots = newSlots;
        lastHeartbeat = now;
        return resized;
    }

    /** Whether the last heartbeat listed a task of this job (of any attempt). */
    public boolean reportsTaskOf(JobId job) {
        return reported.stream().anyMatch(t -> t.jobId().equals(job));
    }

    void reportRunning(Collection<TaskId> running) {
        reported = Set.copyOf(running);
    }

    void assign(TaskId task) {
        tasks.add(task);
    }

    void release(TaskId task) {
        tasks.remove(task);
    }
}
