package io.sluice.engine.checkpoint;

import io.sluice.protocol.TaskId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the checkpoints of one job: when to trigger one, when one is complete, expired or failed. A functional
 * core: it does no I/O besides the {@link CompletedCheckpointStore} and {@link CheckpointIdCounter} ports, takes the
 * time as an argument, and returns what the caller must do (send triggers, notify tasks, delete subsumed state).
 *
 * <p>Rules: periodic checkpoints start {@code interval} after the previous trigger and not before
 * {@code minPauseBetweenCheckpoints} after the previous completion; one checkpoint is in flight at a time; it
 * completes when every task of the plan acknowledged it and fails when a task declines it or when {@code timeout}
 * has passed since its trigger (checked on ticks). A failed checkpoint never fails the job. Savepoints skip the
 * interval and the pause: with a checkpoint in flight they queue (one at most) and start on the first tick after it.
 * Triggers happen only between {@link #start} and {@link #abortAll}: while the job's tasks are all running.
 *
 * <p>Not thread-safe: drive it from the job manager's thread. Keep one coordinator for the life of the job, across
 * failovers, so that its statistics and schedule carry over.
 */
public final class CheckpointCoordinator {

    private final CheckpointConfig config;
    private final CheckpointPlan plan;
    private final CompletedCheckpointStore store;
    private final CheckpointIdCounter ids;
    private final CheckpointStats stats = new CheckpointStats();

    private boolean started;
    private Instant nextPeriodicTrigger;
    private Instant lastCompletion;
    /** The newest id issued or stored: guards against a counter that would give an id twice. */
    private long newestId;
    private PendingCheckpoint pending;
    private CheckpointType.Savepoint queuedSavepoint;

    public CheckpointCoordinator(
            CheckpointConfig config, CheckpointPlan plan, CompletedCheckpointStore store, CheckpointIdCounter ids) {
        this.config = Objects.requireNonNull(config, "config");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.store = Objects.requireNonNull(store, "store");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.newestId = store.latest().map(CompletedCheckpoint::checkpointId).orElse(0L);
    }

    public CheckpointConfig config() {
        return config;
    }

    public CheckpointPlan plan() {
        return plan;
    }

    /** Whether checkpoints may be triggered: between {@link #start} and {@link #abortAll}. */
    public boolean isStarted() {
        return started;
    }

    /** The checkpoint in flight, for reading. */
    public Optional<PendingCheckpoint> pending() {
        return Optional.ofNullable(pending);
    }

    /** A savepoint request waiting for the checkpoint in flight to end. */
    public Optional<CheckpointType.Savepoint> queuedSavepoint() {
        return Optional.ofNullable(queuedSavepoint);
    }

    /** An immutable copy of the statistics, for the REST API. */
    public CheckpointStatsSnapshot stats() {
        return stats.snapshot();
    }

    /**
     * Starts triggering once every task of the job runs (first run, or after a failover): the first periodic
     * checkpoint is due one interval from now.
     */
    public void start(Instant now) {
        started = true;
        nextPeriodicTrigger = now.plus(config.interval());
    }

    /**
     * Expires the checkpoint in flight if its timeout has run out, then triggers the queued savepoint or, if due, a
     * periodic checkpoint. Call it regularly (the job manager's tick); triggers are as late as the tick.
     */
    public TickOutcome onTick(Instant now) {
        Optional<CheckpointFailure> expired = Optional.empty();
        if (pending != null && pending.isExpired(now, config.timeout())) {
            expired = Optional.of(failPending(CheckpointFailure.Cause.EXPIRED, CheckpointFailure.EXPIRED, now));
        }
        Optional<CheckpointTrigger> trigger = Optional.empty();
        if (started && pending == null) {
            if (queuedSavepoint != null) {
                CheckpointType.Savepoint savepoint = queuedSavepoint;
                queuedSavepoint = null;
                trigger = Optional.of(trigger(savepoint, now));
            } else if (isPeriodicCheckpointDue(now)) {
                trigger = Optional.of(trigger(CheckpointType.PERIODIC, now));
            }
        }
        return new TickOutcome(expired, trigger);
    }

    /**
     * Asks for a savepoint into {@code targetDirectory}. It starts now if no checkpoint is in flight, queues behind a
     * periodic checkpoint in flight, and is refused while another savepoint is in flight or queued, or before
     * {@link #start}.
     */
    public SavepointOutcome triggerSavepoint(Instant now, String targetDirectory) {
        CheckpointType.Savepoint savepoint = new CheckpointType.Savepoint(targetDirectory);
        if (!started) {
            return new SavepointOutcome.Refused("checkpointing of job " + plan.jobId() + " is not running");
        }
        if (queuedSavepoint != null) {
            return new SavepointOutcome.Refused(
                    "a savepoint to " + queuedSavepoint.directory() + " is already waiting to start");
        }
        if (pending != null && pending.type().isSavepoint()) {
            return new SavepointOutcome.Refused("savepoint " + pending.checkpointId() + " is in progress");
        }
        if (pending != null) {
            queuedSavepoint = savepoint;
            return new SavepointOutcome.Queued(pending.checkpointId());
        }
        return new SavepointOutcome.Triggered(trigger(savepoint, now));
    }

    /**
     * A task took its snapshot for {@code checkpointId}. The last acknowledgement completes the checkpoint and adds
     * it to the store; should the store throw, the checkpoint stays pending and eventually expires.
     */
    public AckOutcome acknowledge(TaskId task, long checkpointId, SubtaskStateHandle handle, Instant now) {
        Objects.requireNonNull(handle, "handle");
        if (pending == null || pending.checkpointId() != checkpointId) {
            return new IgnoredMessage(task, checkpointId, notPending(checkpointId));
        }
        switch (pending.acknowledge(task, handle, now)) {
            case UNKNOWN_TASK -> {
                return new IgnoredMessage(task, checkpointId, notInPlan(task));
            }
            case DUPLICATE -> {
                return new IgnoredMessage(task, checkpointId,
                        "duplicate acknowledgement of checkpoint " + checkpointId + " by " + task);
            }
            case ACCEPTED -> stats.acknowledged(pending);
        }
        if (!pending.isFullyAcknowledged()) {
            return new AckOutcome.Recorded(checkpointId, pending.numTasks() - pending.numAcknowledged());
        }
        CompletedCheckpoint completed = pending.toCompleted(now);
        List<CompletedCheckpoint> subsumed = store.add(completed, config.retainedCheckpoints());
        pending = null;
        lastCompletion = now;
        stats.completed(completed);
        return new AckOutcome.Completed(completed, subsumed);
    }

    /** A task could not take its snapshot for {@code checkpointId}: that checkpoint fails, the job goes on. */
    public DeclineOutcome decline(TaskId task, long checkpointId, String reason, Instant now) {
        if (pending == null || pending.checkpointId() != checkpointId) {
            return new IgnoredMessage(task, checkpointId, notPending(checkpointId));
        }
        if (!plan.tasks().contains(task)) {
            return new IgnoredMessage(task, checkpointId, notInPlan(task));
        }
        String why = "declined by " + task + ": " + reason;
        return new DeclineOutcome.Failed(failPending(CheckpointFailure.Cause.DECLINED, why, now));
    }

    /**
     * The job fails over or stops: fails the checkpoint in flight, drops a queued savepoint and stops triggering
     * until the next {@link #start}.
     */
    public AbortOutcome abortAll(String reason, Instant now) {
        started = false;
        Optional<CheckpointFailure> failed = pending == null
                ? Optional.empty()
                : Optional.of(failPending(CheckpointFailure.Cause.ABORTED, reason, now));
        Optional<CheckpointType.Savepoint> dropped = Optional.ofNullable(queuedSavepoint);
        queuedSavepoint = null;
        return new AbortOutcome(failed, dropped);
    }

    /** The checkpoint a failover restores from (the newest, savepoints included); counted in the statistics. */
    public Optional<CompletedCheckpoint> restoreLatest(Instant now) {
        Optional<CompletedCheckpoint> latest = store.latest();
        latest.ifPresent(checkpoint -> stats.restored(checkpoint, now));
        return latest;
    }

    /** The job started from the savepoint at {@code location}: counted in the statistics as a restore. */
    public void restoredFromSavepoint(long checkpointId, String location, Instant now) {
        stats.restored(checkpointId, new CheckpointType.Savepoint(location), now);
    }

    private boolean isPeriodicCheckpointDue(Instant now) {
        boolean intervalPassed = !now.isBefore(nextPeriodicTrigger);
        boolean pausePassed = lastCompletion == null
                || !now.isBefore(lastCompletion.plus(config.minPauseBetweenCheckpoints()));
        return intervalPassed && pausePassed;
    }

    private CheckpointTrigger trigger(CheckpointType type, Instant now) {
        long id = ids.getAndIncrement();
        if (id <= newestId) {
            throw new IllegalStateException("checkpoint id counter of job " + plan.jobId() + " gave " + id
                    + " after " + newestId + ": ids must keep increasing");
        }
        newestId = id;
        nextPeriodicTrigger = now.plus(config.interval());
        pending = new PendingCheckpoint(plan.jobId(), id, now, type, plan.tasks());
        stats.triggered(pending);
        return new CheckpointTrigger(plan.jobId(), id, now, type, config.mode(), plan.sources());
    }

    private CheckpointFailure failPending(CheckpointFailure.Cause cause, String reason, Instant now) {
        CheckpointFailure failure = pending.toFailure(cause, reason, now);
        stats.failed(pending, failure);
        pending = null;
        return failure;
    }

    private String notPending(long checkpointId) {
        return checkpointId > newestId
                ? "checkpoint " + checkpointId + " was never triggered"
                : "checkpoint " + checkpointId + " is over (completed, failed or from before a restart)";
    }

    private String notInPlan(TaskId task) {
        return "task " + task + " is not a task of job " + plan.jobId();
    }
}
