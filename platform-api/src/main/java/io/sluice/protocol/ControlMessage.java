package io.sluice.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Control-plane messages carried by Kafka: {@link ToWorker} on {@link Topics#CONTROL} keyed by worker id,
 * {@link ToEngine} on {@link Topics#STATUS} keyed by worker id.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "message")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControlMessage.DeployTasks.class, name = "deploy-tasks"),
    @JsonSubTypes.Type(value = ControlMessage.CancelJob.class, name = "cancel-job"),
    @JsonSubTypes.Type(value = ControlMessage.Heartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = ControlMessage.TaskStateChanged.class, name = "task-state-changed"),
    @JsonSubTypes.Type(value = ControlMessage.WorkerStopping.class, name = "worker-stopping"),
    @JsonSubTypes.Type(value = ControlMessage.TriggerCheckpoint.class, name = "trigger-checkpoint"),
    @JsonSubTypes.Type(value = ControlMessage.NotifyCheckpointComplete.class, name = "notify-checkpoint-complete"),
    @JsonSubTypes.Type(value = ControlMessage.AbortCheckpoint.class, name = "abort-checkpoint"),
    @JsonSubTypes.Type(value = ControlMessage.FinishSources.class, name = "finish-sources"),
    @JsonSubTypes.Type(value = ControlMessage.AcknowledgeCheckpoint.class, name = "acknowledge-checkpoint"),
    @JsonSubTypes.Type(value = ControlMessage.DeclineCheckpoint.class, name = "decline-checkpoint"),
    @JsonSubTypes.Type(value = ControlMessage.TaskMetricsReport.class, name = "task-metrics-report")
})
public sealed interface ControlMessage {

    /** The worker the message is for or from: the Kafka record key. */
    WorkerId worker();

    /** Engine → worker. */
    sealed interface ToWorker extends ControlMessage {}

    /** Worker → engine. */
    sealed interface ToEngine extends ControlMessage {}

    /**
     * Run these tasks of the plan (one slot each).
     *
     * @param restores the tasks that resume from a checkpoint (after a failover); the others start from scratch
     */
    record DeployTasks(WorkerId worker, int attempt, ExecutionPlan plan, List<TaskId> tasks, List<TaskRestore> restores)
            implements ToWorker {
        public DeployTasks {
            tasks = List.copyOf(tasks);
            restores = restores == null ? List.of() : List.copyOf(restores);
        }

        /** A first deployment: every task starts from scratch. */
        public DeployTasks(WorkerId worker, int attempt, ExecutionPlan plan, List<TaskId> tasks) {
            this(worker, attempt, plan, tasks, List.of());
        }
    }

    /** Stop every task of the job on this worker; each reports CANCELED. */
    record CancelJob(WorkerId worker, JobId jobId) implements ToWorker {}

    /**
     * Sent periodically; also registers a new worker.
     *
     * @param address host:port of the worker's HTTP endpoint
     * @param slots slots offered
     * @param runningTasks tasks currently deployed (not terminal)
     */
    record Heartbeat(WorkerId worker, String address, int slots, List<TaskId> runningTasks, long timestampMillis)
            implements ToEngine {
        public Heartbeat {
            runningTasks = List.copyOf(runningTasks);
        }
    }

    /** A task changed state; {@code failure} is set for FAILED. */
    record TaskStateChanged(
            WorkerId worker, TaskId task, int attempt, TaskState state, String failure, long timestampMillis)
            implements ToEngine {}

    /** The worker shuts down cleanly: its slots go away now, not at heartbeat timeout. */
    record WorkerStopping(WorkerId worker) implements ToEngine {}

    /**
     * Sources of the job on this worker snapshot checkpoint n and send barrier n downstream.
     *
     * @param savepointDirectory for a savepoint: the directory every task writes its self-contained snapshot under
     *     (the barriers carry it); null for a checkpoint
     * @param stopSources stop with savepoint: after the barrier the sources emit nothing more and wait for
     *     {@link FinishSources}
     */
    record TriggerCheckpoint(WorkerId worker, JobId jobId, int attempt, long checkpointId, long timestampMillis,
            List<TaskId> sources, String savepointDirectory, boolean stopSources) implements ToWorker {
        public TriggerCheckpoint {
            sources = List.copyOf(sources);
        }

        /** A checkpoint (not a savepoint). */
        public TriggerCheckpoint(
                WorkerId worker, JobId jobId, int attempt, long checkpointId, long timestampMillis, List<TaskId> sources) {
            this(worker, jobId, attempt, checkpointId, timestampMillis, sources, null, false);
        }
    }

    /**
     * Stop with savepoint: the final savepoint completed, so the job's sources on this worker end their input (their
     * tasks then finish, and the job with them).
     */
    record FinishSources(WorkerId worker, JobId jobId, int attempt) implements ToWorker {}

    /** Every task of the job acknowledged checkpoint n: tasks on this worker may commit what they hold for it. */
    record NotifyCheckpointComplete(WorkerId worker, JobId jobId, int attempt, long checkpointId) implements ToWorker {}

    /** Checkpoint n failed (expired, declined): tasks on this worker stop aligning it. */
    record AbortCheckpoint(WorkerId worker, JobId jobId, int attempt, long checkpointId) implements ToWorker {}

    /** A task took its snapshot of checkpoint n. */
    record AcknowledgeCheckpoint(WorkerId worker, TaskId task, int attempt, long checkpointId, TaskSnapshot snapshot)
            implements ToEngine {}

    /** A task could not take its snapshot of checkpoint n; the checkpoint fails, the job goes on. */
    record DeclineCheckpoint(WorkerId worker, TaskId task, int attempt, long checkpointId, String reason)
            implements ToEngine {}

    /**
     * Sent periodically: the latest metrics of the tasks running on the worker, and of the worker itself. Only for
     * display; the engine's decisions never depend on it.
     */
    record TaskMetricsReport(WorkerId worker, long timestampMillis, WorkerMetrics workerMetrics,
            List<SubtaskMetrics> tasks) implements ToEngine {
        public TaskMetricsReport {
            tasks = List.copyOf(tasks);
        }
    }
}
