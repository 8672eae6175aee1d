package io.sluice.engine.job;

import io.sluice.engine.checkpoint.AbortOutcome;
import io.sluice.engine.checkpoint.AckOutcome;
import io.sluice.engine.checkpoint.CheckpointConfig;
import io.sluice.engine.checkpoint.CheckpointCoordinator;
import io.sluice.engine.checkpoint.CheckpointDiscarder;
import io.sluice.engine.checkpoint.CheckpointFailure;
import io.sluice.engine.checkpoint.CheckpointPlan;
import io.sluice.engine.checkpoint.CheckpointStatsSnapshot;
import io.sluice.engine.checkpoint.CheckpointTrigger;
import io.sluice.engine.checkpoint.CheckpointingMode;
import io.sluice.engine.checkpoint.CompletedCheckpoint;
import io.sluice.engine.checkpoint.CompletedCheckpointStore;
import io.sluice.engine.checkpoint.DeclineOutcome;
import io.sluice.engine.checkpoint.IgnoredMessage;
import io.sluice.engine.checkpoint.InMemoryCheckpointIdCounter;
import io.sluice.engine.checkpoint.SavepointOutcome;
import io.sluice.engine.checkpoint.SubtaskStateHandle;
import io.sluice.engine.checkpoint.TickOutcome;
import io.sluice.engine.savepoint.SavepointMetadata;
import io.sluice.engine.savepoint.SavepointMode;
import io.sluice.engine.savepoint.SavepointRequests;
import io.sluice.graph.CheckpointingConfig;
import io.sluice.protocol.ControlMessage.AbortCheckpoint;
import io.sluice.protocol.ControlMessage.AcknowledgeCheckpoint;
import io.sluice.protocol.ControlMessage.DeclineCheckpoint;
import io.sluice.protocol.ControlMessage.FinishSources;
import io.sluice.protocol.ControlMessage.NotifyCheckpointComplete;
import io.sluice.protocol.ControlMessage.TriggerCheckpoint;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskRestore;
import io.sluice.protocol.WorkerId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private final SavepointRequests savepoints = new SavepointRequests();

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
        // Resumed from a savepoint: number after it, as the restored state backends expect newer ids.
        long firstId = job.savepointRestore().map(r -> r.checkpointId() + 1)
                .orElse(InMemoryCheckpointIdCounter.FIRST_ID);
        CompletedCheckpointStore checkpoints = store.checkpoints(job.id());
        return Optional.of(new JobCheckpoints(new CheckpointCoordinator(coordinatorConfig,
                CheckpointPlan.of(job.plan()), checkpoints, store.checkpointIds(job.id(), firstId)), checkpoints,
                discarder));
    }

    CheckpointStatsSnapshot stats() {
        return coordinator.stats();
    }

    SavepointRequests savepoints() {
        return savepoints;
    }

    /**
     * Asks for a savepoint into {@code request}'s directory; it starts now or after the checkpoint in flight.
     *
     * @return why it was refused, or empty when it was accepted
     */
    Optional<String> triggerSavepoint(JobMaster job, SavepointRequests.Pending request, Instant now,
            ControlChannel control) {
        SavepointOutcome outcome = coordinator.triggerSavepoint(now, request.directory().toString());
        if (outcome instanceof SavepointOutcome.Refused refused) {
            return Optional.of(refused.reason());
        }
        savepoints.started(request);
        if (outcome instanceof SavepointOutcome.Triggered triggered) {
            sendTrigger(job, triggered.trigger(), control);
        }
        log.info("Job {}: savepoint {} requested into {} ({})", job.id(), request.requestId(), request.directory(),
                request.mode());
        return Optional.empty();
    }

    /** A job resumed from a savepoint counts it as restored, as Flink does. */
    void restoredFromSavepoint(long checkpointId, String location, Instant now) {
        coordinator.restoredFromSavepoint(checkpointId, location, now);
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

    /**
     * @return a savepoint request this acknowledgement completed, for the caller to act on its mode
     */
    Optional<SavepointRequests.Pending> acknowledge(JobMaster job, AcknowledgeCheckpoint ack, Instant now,
            ControlChannel control) {
        if (ack.attempt() != job.attempt()) {
            return Optional.empty();
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
            if (completed.checkpoint().isSavepoint()) {
                return completeSavepoint(job, completed.checkpoint(), control);
            }
        } else if (outcome instanceof IgnoredMessage ignored) {
            log.debug("Ignoring acknowledgement: {}", ignored.reason());
        }
        return Optional.empty();
    }

    /** Every task wrote its part: the metadata makes the savepoint whole (and usable). */
    private Optional<SavepointRequests.Pending> completeSavepoint(JobMaster job, CompletedCheckpoint savepoint,
            ControlChannel control) {
        String directory = savepoint.externalPath().orElseThrow();
        try {
            SavepointMetadata.of(job.plan(), savepoint.checkpointId(), savepoint.triggerTimestamp().toEpochMilli())
                    .write(Path.of(directory));
        } catch (IOException | RuntimeException e) {
            log.warn("Job {}: could not write the metadata of savepoint {}", job.id(), directory, e);
            savepoints.failed(directory, "could not write the savepoint's metadata: " + e.getMessage());
            // Sources that stopped for it go on.
            job.activeWorkers().forEach(worker -> control.send(
                    new AbortCheckpoint(worker, job.id(), job.attempt(), savepoint.checkpointId())));
            return Optional.empty();
        }
        log.info("Job {}: savepoint {} completed at {}", job.id(), savepoint.checkpointId(), directory);
        return savepoints.completed(directory);
    }

    /** Stop with savepoint completed: the sources end their input; no more checkpoints while the job finishes. */
    void finishSources(JobMaster job, Instant now, ControlChannel control) {
        coordinator.abortAll("the job stops with a savepoint", now);
        Set<WorkerId> workers = new LinkedHashSet<>();
        for (TaskId source : coordinator.plan().sources()) {
            job.task(source).flatMap(TaskExecution::worker).ifPresent(workers::add);
        }
        workers.forEach(worker -> control.send(new FinishSources(worker, job.id(), job.attempt())));
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
            AbortOutcome outcome = coordinator.abortAll(reason, now);
            outcome.failed().ifPresent(failure -> abort(job, failure, control));
            outcome.droppedSavepoint().ifPresent(dropped -> savepoints.failed(dropped.directory(), reason));
        }
        savepoints.failAll(reason);
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
        failure.type().targetDirectory().ifPresent(directory -> savepoints.failed(directory, failure.reason()));
        job.activeWorkers().forEach(worker ->
                control.send(new AbortCheckpoint(worker, job.id(), job.attempt(), failure.checkpointId())));
    }

    private void sendTrigger(JobMaster job, CheckpointTrigger trigger, ControlChannel control) {
        String savepointDirectory = trigger.type().targetDirectory().orElse(null);
        boolean stopSources = savepointDirectory != null && savepoints.pending(savepointDirectory)
                .map(request -> request.mode() == SavepointMode.STOP).orElse(false);
        Map<WorkerId, List<TaskId>> byWorker = new LinkedHashMap<>();
        for (TaskId source : trigger.sources()) {
            job.task(source).flatMap(TaskExecution::worker).ifPresent(worker ->
                    byWorker.computeIfAbsent(worker, w -> new ArrayList<>()).add(source));
        }
        byWorker.forEach((worker, sources) -> control.send(new TriggerCheckpoint(worker, job.id(), job.attempt(),
                trigger.checkpointId(), trigger.timestamp().toEpochMilli(), sources, savepointDirectory,
                stopSources)));
    }
}
