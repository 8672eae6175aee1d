package io.sluice.worker.task;

import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessage.AbortCheckpoint;
import io.sluice.protocol.ControlMessage.NotifyCheckpointComplete;
import io.sluice.protocol.ControlMessage.AcknowledgeCheckpoint;
import io.sluice.protocol.ControlMessage.DeclineCheckpoint;
import io.sluice.protocol.ControlMessage.FinishSources;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.ControlMessage.TriggerCheckpoint;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskRestore;
import io.sluice.protocol.TaskSnapshot;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.WorkerId;
import io.sluice.runtime.checkpoint.CheckpointResponder;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import io.sluice.runtime.io.TaskIo;
import io.sluice.runtime.task.StreamTask;
import io.sluice.runtime.task.TaskCheckpointing;
import io.sluice.worker.jar.JobClassLoaders;
import io.sluice.worker.state.WorkerStateBackends;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tasks deployed to this worker, one platform thread per task and one slot per task, and reports every
 * state change. Thread-safe.
 */
public final class TaskExecutor {

    private static final Logger log = LoggerFactory.getLogger(TaskExecutor.class);

    private final WorkerId worker;
    private final int slots;
    private final TaskIoFactory ioFactory;
    private final StatusReporter reporter;
    private final JobClassLoaders classLoaders;
    private final Clock clock;
    private final Duration cancelTimeout;
    private final CheckpointStorage checkpointStorage;
    private final WorkerStateBackends stateBackends;
    private final TaskMetricsFactory metrics;
    private final Map<TaskId, RunningTask> running = new ConcurrentHashMap<>();

    /**
     * @param clock for the timestamps of state reports
     * @param cancelTimeout how long a cancelled task may take to stop before its thread is interrupted
     * @param checkpointStorage where tasks write their snapshots
     * @param stateBackends where tasks keep keyed state
     */
    public TaskExecutor(
            WorkerId worker,
            int slots,
            TaskIoFactory ioFactory,
            StatusReporter reporter,
            ClassLoader userClassLoader,
            Clock clock,
            Duration cancelTimeout,
            CheckpointStorage checkpointStorage,
            WorkerStateBackends stateBackends) {
        this(worker, slots, ioFactory, reporter, new JobClassLoaders(userClassLoader, null), clock, cancelTimeout,
                checkpointStorage, stateBackends, TaskMetricsFactory.NONE);
    }

    /**
     * @param classLoaders the class loader of each job's user code (jar jobs get their own)
     * @param metrics where the tasks publish their metrics
     */
    public TaskExecutor(
            WorkerId worker,
            int slots,
            TaskIoFactory ioFactory,
            StatusReporter reporter,
            JobClassLoaders classLoaders,
            Clock clock,
            Duration cancelTimeout,
            CheckpointStorage checkpointStorage,
            WorkerStateBackends stateBackends,
            TaskMetricsFactory metrics) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1: " + slots);
        }
        this.worker = worker;
        this.slots = slots;
        this.ioFactory = ioFactory;
        this.reporter = reporter;
        this.classLoaders = classLoaders;
        this.clock = clock;
        this.cancelTimeout = cancelTimeout;
        this.checkpointStorage = checkpointStorage;
        this.stateBackends = stateBackends;
        this.metrics = metrics;
    }

    /**
     * Starts the tasks, each on its own thread. Tasks beyond the free slots, and tasks already running here, are
     * refused: they are reported FAILED with the reason.
     */
    public synchronized void deploy(ExecutionPlan plan, int attempt, List<TaskId> tasks) {
        deploy(plan, attempt, tasks, List.of());
    }

    /** As {@link #deploy(ExecutionPlan, int, List)}; the tasks in {@code restores} resume from their snapshots. */
    public synchronized void deploy(ExecutionPlan plan, int attempt, List<TaskId> tasks, List<TaskRestore> restores) {
        Map<TaskId, TaskRestore> byTask = new HashMap<>();
        restores.forEach(restore -> byTask.put(restore.task(), restore));
        for (TaskId task : tasks) {
            String refusal = refusal(task);
            if (refusal != null) {
                log.warn("Refusing task {} (attempt {}): {}", task, attempt, refusal);
                report(task, attempt, TaskState.FAILED, refusal);
                continue;
            }
            TaskRestore restore = byTask.get(task);
            RunningTask runningTask = new RunningTask(task, attempt, t -> execute(plan, t, restore));
            running.put(task, runningTask);
            runningTask.start();
        }
    }

    /**
     * Signals every task of the job to stop, at once, before returning. The future completes when their threads
     * ended, or, for threads that did not, after they were interrupted and given another {@code cancelTimeout}.
     */
    public CompletableFuture<Void> cancelJob(JobId jobId) {
        return stop(running.values().stream().filter(t -> t.id().jobId().equals(jobId)).toList());
    }

    /** Stops every task (worker shutdown); see {@link #cancelJob}. */
    public CompletableFuture<Void> cancelAll() {
        return stop(List.copyOf(running.values()));
    }

    /**
     * Asks the job's source tasks here to snapshot checkpoint n. A source that does not run here (any more) in that
     * attempt declines it, so the coordinator need not wait for the timeout.
     */
    public void triggerCheckpoint(TriggerCheckpoint trigger) {
        for (TaskId source : trigger.sources()) {
            RunningTask task = running.get(source);
            StreamTask streamTask = task == null || task.attempt() != trigger.attempt() ? null : task.streamTask();
            if (streamTask == null) {
                report(new DeclineCheckpoint(worker, source, trigger.attempt(), trigger.checkpointId(),
                        "task " + source + " (attempt " + trigger.attempt() + ") is not running on worker " + worker));
            } else {
                streamTask.triggerCheckpoint(trigger.checkpointId(), trigger.timestampMillis(),
                        trigger.savepointDirectory(), trigger.stopSources());
            }
        }
    }

    /** Stop with savepoint: the job's source tasks here end their input. */
    public void finishSources(FinishSources finish) {
        for (RunningTask task : running.values()) {
            StreamTask streamTask = task.streamTask();
            if (task.id().jobId().equals(finish.jobId()) && task.attempt() == finish.attempt() && streamTask != null) {
                streamTask.finishSource();
            }
        }
    }

    /** The coordinator gave checkpoint n of the job up: its tasks here stop aligning it. */
    public void abortCheckpoint(AbortCheckpoint abort) {
        for (RunningTask task : running.values()) {
            StreamTask streamTask = task.streamTask();
            if (task.id().jobId().equals(abort.jobId()) && task.attempt() == abort.attempt() && streamTask != null) {
                streamTask.abortCheckpoint(abort.checkpointId());
            }
        }
    }

    /** Checkpoint n of the job completed: its tasks here hear of it (exactly-once sinks commit). */
    public void notifyCheckpointComplete(NotifyCheckpointComplete complete) {
        for (RunningTask task : running.values()) {
            StreamTask streamTask = task.streamTask();
            if (task.id().jobId().equals(complete.jobId()) && task.attempt() == complete.attempt() && streamTask != null) {
                streamTask.notifyCheckpointComplete(complete.checkpointId());
            }
        }
    }

    /** Tasks deployed and not yet terminal: they hold slots. */
    public List<TaskId> runningTasks() {
        return List.copyOf(running.keySet());
    }

    public int slots() {
        return slots;
    }

    private String refusal(TaskId task) {
        RunningTask existing = running.get(task);
        if (existing != null) {
            return "task " + task + " is already running on worker " + worker + " (attempt " + existing.attempt() + ")";
        }
        if (running.size() >= slots) {
            return "worker " + worker + " has no free slot for task " + task + ": all " + slots + " slots are in use";
        }
        return null;
    }

    private void execute(ExecutionPlan plan, RunningTask task, TaskRestore restore) {
        WorkerStateBackends.TaskBackends backends = stateBackends.forTask(task.attempt());
        JobClassLoaders.Lease lease = null;
        try {
            lease = classLoaders.lease(plan);
            ClassLoader userClassLoader = lease.classLoader();
            TaskIo io = ioFactory.create(task.id(), task.attempt(), userClassLoader);
            TaskCheckpointing checkpointing = TaskCheckpointing.of(
                    checkpointStorage, new CheckpointReporter(task.attempt()), backends, restore);
            StreamTask streamTask = new StreamTask(plan, task.id(), task.attempt(), io, userClassLoader,
                    Clock.systemUTC(), System.out, checkpointing, metrics.forTask(task.id(), task.attempt()));
            task.attach(streamTask);
            streamTask.run(() -> report(task.id(), task.attempt(), TaskState.RUNNING, null));
            backends.dispose();
            closeQuietly(lease);
            finish(task, task.isCancelled() ? TaskState.CANCELED : TaskState.FINISHED, null);
        } catch (Throwable failure) {
            backends.dispose();
            closeQuietly(lease);
            // Errors too (a user function's StackOverflowError, a linkage error): they fail the task, not the worker.
            if (task.isCancelled()) {
                log.debug("Task {} threw while being cancelled", task.id(), failure);
                finish(task, TaskState.CANCELED, null);
            } else {
                log.warn("Task {} (attempt {}) failed", task.id(), task.attempt(), failure);
                finish(task, TaskState.FAILED, FailureDescription.of(failure));
            }
        }
    }

    /** The job's loader is released before the task's end is reported: a cancelled job leaves no loader open. */
    private static void closeQuietly(JobClassLoaders.Lease lease) {
        if (lease != null) {
            try {
                lease.close();
            } catch (RuntimeException e) {
                log.warn("Releasing a job class loader failed", e);
            }
        }
    }

    private void finish(RunningTask task, TaskState state, String failure) {
        // Free the slot before the engine hears of it: it may deploy into that slot right away.
        running.remove(task.id(), task);
        try {
            report(task.id(), task.attempt(), state, failure);
        } finally {
            task.markTerminated();
        }
    }

    private void report(TaskId task, int attempt, TaskState state, String failure) {
        report(new TaskStateChanged(worker, task, attempt, state, failure, clock.millis()));
    }

    private void report(ControlMessage.ToEngine message) {
        try {
            reporter.report(message);
        } catch (RuntimeException e) {
            log.error("Could not report {}", message, e);
        }
    }

    /** Acknowledges and declines checkpoints of one task attempt to the engine. */
    private final class CheckpointReporter implements CheckpointResponder {

        private final int attempt;

        CheckpointReporter(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public void acknowledge(TaskId task, long checkpointId, TaskSnapshot snapshot) {
            report(new AcknowledgeCheckpoint(worker, task, attempt, checkpointId, snapshot));
        }

        @Override
        public void decline(TaskId task, long checkpointId, String reason) {
            report(new DeclineCheckpoint(worker, task, attempt, checkpointId, reason));
        }
    }

    private CompletableFuture<Void> stop(List<RunningTask> tasks) {
        tasks.forEach(RunningTask::cancel);
        return allTerminated(tasks).thenCompose(ignored -> {
            List<RunningTask> stuck = tasks.stream().filter(t -> !t.isTerminated()).toList();
            if (stuck.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            log.warn("Tasks {} did not stop within {} of being cancelled; interrupting them", ids(stuck), cancelTimeout);
            stuck.forEach(RunningTask::interrupt);
            return allTerminated(stuck).thenRun(() -> {
                List<TaskId> still = ids(stuck.stream().filter(t -> !t.isTerminated()).toList());
                if (!still.isEmpty()) {
                    log.error("Tasks {} still run after being interrupted; giving up on them", still);
                }
            });
        });
    }

    /** Completes when all tasks terminated or after {@code cancelTimeout}, whichever is first. */
    private CompletableFuture<Void> allTerminated(List<RunningTask> tasks) {
        return CompletableFuture.allOf(tasks.stream().map(RunningTask::terminated).toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, cancelTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static List<TaskId> ids(List<RunningTask> tasks) {
        return tasks.stream().map(RunningTask::id).toList();
    }
}
