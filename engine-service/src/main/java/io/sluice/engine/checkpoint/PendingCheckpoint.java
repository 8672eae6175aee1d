package io.sluice.engine.checkpoint;

import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One checkpoint in flight: which tasks have acknowledged it, with their state handles, and which still owe an
 * acknowledgement. Changed only by the {@link CheckpointCoordinator}, on its thread; others may read it there.
 */
public final class PendingCheckpoint {

    /** What one acknowledgement did. */
    enum Ack {
        ACCEPTED,
        DUPLICATE,
        UNKNOWN_TASK
    }

    private final JobId jobId;
    private final long checkpointId;
    private final Instant triggerTimestamp;
    private final CheckpointType type;
    private final Set<TaskId> tasks;
    private final Map<TaskId, SubtaskStateHandle> acknowledged = new LinkedHashMap<>();
    private Instant latestAcknowledgement;

    PendingCheckpoint(
            JobId jobId, long checkpointId, Instant triggerTimestamp, CheckpointType type, Set<TaskId> tasks) {
        this.jobId = jobId;
        this.checkpointId = checkpointId;
        this.triggerTimestamp = triggerTimestamp;
        this.type = type;
        this.tasks = Collections.unmodifiableSet(new LinkedHashSet<>(tasks));
    }

    public long checkpointId() {
        return checkpointId;
    }

    public CheckpointType type() {
        return type;
    }

    public Instant triggerTimestamp() {
        return triggerTimestamp;
    }

    public int numTasks() {
        return tasks.size();
    }

    public int numAcknowledged() {
        return acknowledged.size();
    }

    /** Tasks whose acknowledgement is still missing: the ones to look at when a checkpoint hangs. */
    public Set<TaskId> notYetAcknowledged() {
        Set<TaskId> missing = new LinkedHashSet<>(tasks);
        missing.removeAll(acknowledged.keySet());
        return Collections.unmodifiableSet(missing);
    }

    public Optional<Instant> latestAcknowledgement() {
        return Optional.ofNullable(latestAcknowledgement);
    }

    /** Full state size of the tasks that acknowledged so far. */
    public long stateSize() {
        return acknowledged.values().stream().mapToLong(SubtaskStateHandle::stateSize).sum();
    }

    /** Bytes written for this checkpoint by the tasks that acknowledged so far. */
    public long incrementalSize() {
        return acknowledged.values().stream().mapToLong(SubtaskStateHandle::incrementalSize).sum();
    }

    boolean isFullyAcknowledged() {
        return acknowledged.size() == tasks.size();
    }

    /** Whether the timeout, counted from the trigger, has run out at {@code now}. */
    boolean isExpired(Instant now, Duration timeout) {
        return !now.isBefore(triggerTimestamp.plus(timeout));
    }

    Ack acknowledge(TaskId task, SubtaskStateHandle handle, Instant now) {
        if (!tasks.contains(task)) {
            return Ack.UNKNOWN_TASK;
        }
        if (acknowledged.putIfAbsent(task, handle) != null) {
            return Ack.DUPLICATE;
        }
        latestAcknowledgement = now;
        return Ack.ACCEPTED;
    }

    CompletedCheckpoint toCompleted(Instant now) {
        if (!isFullyAcknowledged()) {
            throw new IllegalStateException("checkpoint " + checkpointId + " still waits for " + notYetAcknowledged());
        }
        return new CompletedCheckpoint(jobId, checkpointId, triggerTimestamp, now, type, acknowledged);
    }

    CheckpointFailure toFailure(CheckpointFailure.Cause cause, String reason, Instant now) {
        return new CheckpointFailure(jobId, checkpointId, type, triggerTimestamp, now, cause, reason);
    }
}
