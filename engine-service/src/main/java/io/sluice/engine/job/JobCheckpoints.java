package io.sluice.engine.job;

import io.sluice.engine.checkpoint.AckOutcome;
import io.sluice.engine.checkpoint.CheckpointConfig;
import io.sluice.engine.checkpoint.CheckpointCoordinator;
import io.sluice.engine.checkpoint.CheckpointDiscarder;
import io.sluice.engine.checkpoint.CheckpointFailure;
import io.sluice.engine.checkpoint.CheckpointPlan;
import io.sluice.engine.checkpoint.CheckpointStatsSnapshot;
import io.sluice.engine.checkpoint.CheckpointTrigger;
import io.sluice.engine.checkpoint.CompletedCheckpoint;
import io.sluice.engine.checkpoint.CompletedCheckpointStore;
import io.sluice.engine.checkpoint.CheckpointingMode;
import io.sluice.engine.checkpoint.DeclineOutcome;
import io.sluice.engine.checkpoint.IgnoredMessage;
import io.sluice.engine.checkpoint.SubtaskStateHandle;
import io.sluice.engine.checkpoint.TickOutcome;
import io.sluice.graph.CheckpointingConfig;
import io.sluice.protocol.ControlMessage.AbortCheckpoint;
import io.sluice.protocol.ControlMessage.AcknowledgeCheckpoint;
import io.sluice.protocol.ControlMessage.DeclineCheckpoint;
import io.sluice.protocol.ControlMessage.NotifyCheckpointComplete;
import io.sluice.protocol.ControlMessage.TriggerCheckpoint;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskRestore;
import io.sluice.protocol.WorkerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a job's {@link CheckpointCoordinator} to its tasks: turns the coordinator's decisions into messages to
 * the workers, and the workers' acknowledgements and declines into calls on the coordinator. Acks and declines of
 * other attempts are dropped. Job manager thread only.
 */
final class JobCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(JobCheckpoints.class);

    private final CheckpointCoordinator coordinator;
    private final CompletedCheckpointStore store;
    private final CheckpointDiscarder discarder;

    private JobCheckpoints(CheckpointCoordinator coordinator, CompletedCheckpointStore store,
            CheckpointDiscarder discarder) {
        this.coordinator = coordinator;
        this.store = store;
        this.discarder = discarder;
    }

    /** The checkpoints of a job whose config enables them, else empty. */
    static Optional<JobCheckpoints> of(
            JobMaster job, JobStore store, int retainedCheckpoints, CheckpointDiscarder discarder) {
        CheckpointingConfig config = job.graph().config().checkpointing();
        if (config == null) {
            return Optional.empty();
        }
        CheckpointingMode mode = config.mode() == CheckpointingConfig.Mode.EXACTLY_ONCE
                ? CheckpointingMode.EXACTLY_ONCE
                : CheckpointingMode.AT_LEAST_ONCE;
        CheckpointConfig coordinatorConfig = new CheckpointConfig(config.interval(), config.timeout(), Duration.ZERO,
                1, retainedCheckpoints, mode);
        CompletedCheckpointStore checkpoints = store.checkpoints(job.id());
        return Optional.of(new JobCheckpoints(new CheckpointCoordinator(coordinatorConfig,
                CheckpointPlan.of(job.plan()), checkpoints, store.checkpointIds(job.id())), checkpoints, discarder));
    }

    CheckpointStatsSnapshot stats() {
        return coordinator.stats();
    }

    /** Starts triggering once every task of the job runs. */
    void startIfAllRunning(JobMaster job, Instant now) {
        boolean allRunning = job.tasks().stream().allMatch(t -> t.state() == ExecutionState.RUNNING);
        if (allRunning && !coordinator.isStarted() && job.status() == JobStatus.RUNNING) {
            coordinator.start(now);
        }
    }

    void tick(JobMaster job, Instant now, ControlChannel control) {
        TickOutcome outcome = coordinator.onTick(now);
        outcome.expired().ifPresent(failure -> abort(job, failure, control));
        outcome.trigger().ifPresent(trigger -> sendTrigger(job, trigger, control));
    }

    void acknowledge(JobMaster job, AcknowledgeCheckpoint ack, Instant now, ControlChannel control) {
        if (ack.attempt() != job.attempt()) {
            return;
        }
        SubtaskStateHandle handle = new SubtaskStateHandle(
                ack.snapshot().location(), ack.snapshot().stateSize(), ack.snapshot().incrementalSize());
        AckOutcome outcome = coordinator.acknowledge(ack.task(), ack.checkpointId(), handle, now);
        if (outcome instanceof AckOutcome.Completed completed) {
            long id = completed.checkpoint().checkpointId();
            log.debug("Job {} completed checkpoint {} ({} bytes)", job.id(), id, completed.checkpoint().stateSize());
            job.activeWorkers().forEach(worker ->
                    control.send(new NotifyCheckpointComplete(worker, job.id(), job.attempt(), id)));
            discarder.discard(completed.subsumed(), store.all());
        } else if (outcome instanceof IgnoredMessage ignored) {
            log.debug("Ignoring acknowledgement: {}", ignored.reason());
        }
    }

    void decline(JobMaster job, DeclineCheckpoint decline, Instant now, ControlChannel control) {
        if (decline.attempt() != job.attempt()) {
            return;
        }
        DeclineOutcome outcome = coordinator.decline(decline.task(), decline.checkpointId(), decline.reason(), now);
        if (outcome instanceof DeclineOutcome.Failed failed) {
            abort(job, failed.failure(), control);
        }
    }

    /** The job stops running as a whole (a task finished, it fails or is cancelled): no more checkpoints. */
    void abortAll(JobMaster job, String reason, Instant now, ControlChannel control) {
        if (coordinator.isStarted()) {
            coordinator.abortAll(reason, now).failed().ifPresent(failure -> abort(job, failure, control));
        }
    }

    /** The job finished or was cancelled: no restore will need its checkpoints (savepoints are the user's). */
    void discardAll() {
        List<CompletedCheckpoint> all = store.all();
        discarder.discard(all.stream().filter(c -> !c.isSavepoint()).toList(),
                all.stream().filter(CompletedCheckpoint::isSavepoint).toList());
    }

    /** The task snapshots of the latest completed checkpoint, counted as restored; empty without one. */
    List<TaskRestore> restoreLatest(Instant now) {
        return coordinator.restoreLatest(now)
                .map(checkpoint -> checkpoint.states().entrySet().stream()
                        .map(e -> new TaskRestore(e.getKey(), checkpoint.checkpointId(), e.getValue().location()))
                        .toList())
                .orElse(List.of());
    }

    private void abort(JobMaster job, CheckpointFailure failure, ControlChannel control) {
        log.info("Job {}: checkpoint {} failed: {}", job.id(), failure.checkpointId(), failure.reason());
        job.activeWorkers().forEach(worker ->
                control.send(new AbortCheckpoint(worker, job.id(), job.attempt(), failure.checkpointId())));
    }

    private static void sendTrigger(JobMaster job, CheckpointTrigger trigger, ControlChannel control) {
        Map<WorkerId, List<TaskId>> byWorker = new LinkedHashMap<>();
        for (TaskId source : trigger.sources()) {
            job.task(source).flatMap(TaskExecution::worker).ifPresent(worker ->
                    byWorker.computeIfAbsent(worker, w -> new ArrayList<>()).add(source));
        }
        byWorker.forEach((worker, sources) -> control.send(new TriggerCheckpoint(worker, job.id(), job.attempt(),
                trigger.checkpointId(), trigger.timestamp().toEpochMilli(), sources)));
    }
}
