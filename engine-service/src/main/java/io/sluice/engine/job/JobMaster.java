package io.sluice.engine.job;

import io.sluice.engine.checkpoint.CheckpointDiscarder;
import io.sluice.engine.checkpoint.CheckpointStatsSnapshot;
import io.sluice.engine.savepoint.SavepointRestorePlan;
import io.sluice.engine.scheduler.Placement;
import io.sluice.graph.JobGraph;
import io.sluice.graph.RestartStrategyConfig;
import io.sluice.graph.json.JobSpecException;
import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Set;

/**
 * One job: its graph and plan, the current attempt, its status with the time each status was first reached, and
 * the state of every task. Decides its own status from its tasks; the {@link JobManager} decides what to do about
 * it (slots, messages, topics). Not thread-safe: used on the job manager's thread only.
 */
public final class JobMaster {

    private static final Logger log = LoggerFactory.getLogger(JobMaster.class);

    /** Flink numbers attempts from 0 too. */
    static final int FIRST_ATTEMPT = 0;

    private final JobId id;
    private final JobGraph graph;
    private final ExecutionPlan plan;
    private int attempt;
    private final Map<TaskId, TaskExecution> tasks = new LinkedHashMap<>();
    private final List<JobException> exceptions = new ArrayList<>();
    /** While RESTARTING: when the old attempt began to stop, and when the new one may be deployed. */
    private Instant restartBegan;
    private Instant restartDue;
    private int restarts;
    /** Recovered after an engine restart and not redeployed yet: the next attempt is no restart of the job. */
    private boolean recovered;
    private final Map<JobStatus, Instant> timestamps = new EnumMap<>(JobStatus.class);
    private JobStatus status = JobStatus.CREATED;
    private Instant lastModification;
    private String failureCause;
    private String waitingReason;
    private final JobCheckpoints checkpoints;
    private final RestartStrategyConfig restartStrategyConfig;
    private final RestartStrategy restartStrategy;
    private final SavepointRestorePlan savepointRestore;

    /**
     * @param store keeps the job's checkpoint metadata (durably, with an HA directory)
     * @param defaults the cluster's retained checkpoints and restart strategy, for what the spec leaves out
     * @param discarder deletes the state of checkpoints no longer retained
     * @param savepointRestore the savepoint the job starts from, or null
     */
    JobMaster(ExecutionPlan plan, Instant now, JobStore store, JobDefaults defaults, CheckpointDiscarder discarder,
            SavepointRestorePlan savepointRestore) {
        this.savepointRestore = savepointRestore;
        this.id = plan.jobId();
        this.graph = plan.graph();
        this.plan = plan;
        this.attempt = FIRST_ATTEMPT;
        createTasks();
        timestamps.put(JobStatus.CREATED, now);
        lastModification = now;
        checkpoints = JobCheckpoints.of(this, store, defaults.retainedCheckpoints(), discarder).orElse(null);
        restartStrategyConfig = graph.config().effectiveRestartStrategy(defaults.restartStrategy());
        restartStrategy = RestartStrategy.of(restartStrategyConfig);
    }

    /**
     * A job taken over from the record a previous engine run stored. A job that was deployed restarts: its tasks
     * count as stopped (workers still running them are told to cancel them when they send a heartbeat), and the next
     * attempt, higher than every attempt before, starts from the latest completed checkpoint after {@code delay}. A
     * job that was failing or being cancelled is so again, and ends at once; one that never left the queue waits.
     * An engine restart is not a failure of the job: it does not count against the restart strategy.
     */
    static JobMaster recover(JobRecord record, Instant now, JobStore store, JobDefaults defaults,
            CheckpointDiscarder discarder, Duration delay) {
        JobMaster job = new JobMaster(record.plan(), record.submitted(), store, defaults, discarder,
                recoverSavepointRestore(record));
        job.attempt = record.attempt();
        job.restarts = record.restarts();
        job.failureCause = record.failureCause();
        job.exceptions.addAll(record.exceptions());
        job.lastModification = now;
        switch (record.status()) {
            case FAILING -> job.fail(record.failureCause(), now);
            case CANCELLING -> job.cancel(now);
            case CREATED, RUNNING, RESTARTING -> {
                if (record.deployed() || record.status() != JobStatus.CREATED) {
                    job.status = JobStatus.RESTARTING;
                    job.timestamps.put(JobStatus.RESTARTING, now);
                    job.tasks.values().forEach(t -> t.update(ExecutionState.CANCELED, now));
                    job.restartBegan = now;
                    job.restartDue = now.plus(delay);
                    job.recovered = true;
                }
            }
            default -> throw new IllegalArgumentException("job " + job.id + " ended (" + record.status()
                    + "): there is nothing to recover");
        }
        return job;
    }

    /** The savepoint a recovered job started from, read again; null if it has none or it is gone. */
    private static SavepointRestorePlan recoverSavepointRestore(JobRecord record) {
        try {
            return SavepointRestorePlan.of(record.plan().graph()).orElse(null);
        } catch (JobSpecException e) {
            log.warn("Job {}: its savepoint cannot be read any more ({}); it restores from its checkpoints only",
                    record.plan().jobId(), e.getMessage());
            return null;
        }
    }

    /** What a restarted engine needs to take the job over. */
    JobRecord toRecord() {
        boolean deployed = tasks.values().stream().anyMatch(t -> t.worker().isPresent());
        return new JobRecord(plan, status, attempt, deployed, restarts, startTime(), failureCause, exceptions);
    }

    private void createTasks() {
        tasks.clear();
        for (ChainSpec chain : plan.chains()) {
            for (int subtask = 0; subtask < chain.parallelism(); subtask++) {
                TaskId task = new TaskId(id, chain.id(), subtask);
                tasks.put(task, new TaskExecution(task));
            }
        }
    }

    public JobId id() {
        return id;
    }

    public String name() {
        return graph.name();
    }

    public JobGraph graph() {
        return graph;
    }

    public ExecutionPlan plan() {
        return plan;
    }

    /** Attempt number shipped with deployments; workers drop records of older attempts. Each restart raises it. */
    public int attempt() {
        return attempt;
    }

    public JobStatus status() {
        return status;
    }

    /** When each reached status was first entered. */
    public Map<JobStatus, Instant> timestamps() {
        return Collections.unmodifiableMap(timestamps);
    }

    public Instant startTime() {
        return timestamps.get(JobStatus.CREATED);
    }

    public Optional<Instant> endTime() {
        return status.isTerminal() ? Optional.of(timestamps.get(status)) : Optional.empty();
    }

    public Instant lastModification() {
        return lastModification;
    }

    public Optional<String> failureCause() {
        return Optional.ofNullable(failureCause);
    }

    /** Restarts so far. */
    public int restarts() {
        return restarts;
    }

    /** Decides whether and when the job restarts after a failure. */
    /** The strategy in effect: the spec's, else the cluster default (or none without checkpointing). */
    public RestartStrategyConfig restartStrategyConfig() {
        return restartStrategyConfig;
    }

    RestartStrategy restartStrategy() {
        return restartStrategy;
    }

    /** Every failure of the job, oldest first. */
    public List<JobException> exceptions() {
        return List.copyOf(exceptions);
    }

    void recordException(JobException exception) {
        exceptions.add(exception);
        lastModification = exception.timestamp();
    }

    /** Why the job is not deployed yet, e.g. "waiting for 4 slots, 2 available". */
    public Optional<String> waitingReason() {
        return Optional.ofNullable(waitingReason);
    }

    /** Checkpoint statistics; empty when the job is not checkpointed. */
    public Optional<CheckpointStatsSnapshot> checkpointStats() {
        return checkpoints().map(JobCheckpoints::stats);
    }

    Optional<JobCheckpoints> checkpoints() {
        return Optional.ofNullable(checkpoints);
    }

    /** The savepoint the job started from, if it did. */
    public Optional<SavepointRestorePlan> savepointRestore() {
        return Optional.ofNullable(savepointRestore);
    }

    public Collection<TaskExecution> tasks() {
        return Collections.unmodifiableCollection(tasks.values());
    }

    public Optional<TaskExecution> task(TaskId task) {
        return Optional.ofNullable(tasks.get(task));
    }

    /** The tasks running a vertex: those of the chain that contains it. */
    public List<TaskExecution> tasksOfVertex(String vertexId) {
        String chainId = plan.chains().stream()
                .filter(c -> c.vertexIds().contains(vertexId))
                .findFirst()
                .map(ChainSpec::id)
                .orElseThrow(() -> new IllegalArgumentException("no vertex " + vertexId));
        return tasks.values().stream().filter(t -> t.id().chainId().equals(chainId)).toList();
    }

    public ExecutionState vertexState(String vertexId) {
        return ExecutionState.aggregate(tasksOfVertex(vertexId).stream().map(TaskExecution::state).toList());
    }

    /** In CREATED and not deployed: the scheduler should try to place it. */
    public boolean isWaitingForSlots() {
        return status == JobStatus.CREATED && tasks.values().stream().allMatch(t -> t.worker().isEmpty());
    }

    /** RESTARTING, every task of the old attempt stopped and the delay over: deploy the next attempt. */
    boolean isDueForRedeploy(Instant now) {
        return status == JobStatus.RESTARTING && restartDue != null && !now.isBefore(restartDue)
                && tasks.values().stream().allMatch(t -> t.state().isTerminal());
    }

    /** RESTARTING and the next attempt not deployed yet (the old one is stopping, or the delay runs). */
    boolean isStoppingOrWaiting() {
        return status == JobStatus.RESTARTING && restartDue != null;
    }

    /** Taken over from a previous engine run and not redeployed yet. */
    boolean isRecovered() {
        return recovered;
    }

    /** Recovered, and the recovery began before {@code since}. */
    boolean isRecoveredBefore(Instant since) {
        return recovered && restartBegan.isBefore(since);
    }

    /** RESTARTING and still waiting for tasks of the old attempt to confirm they stopped, since {@code since}. */
    boolean isStoppingSince(Instant since) {
        return status == JobStatus.RESTARTING && restartDue != null && restartBegan.isBefore(since)
                && !tasks.values().stream().allMatch(t -> t.state().isTerminal());
    }

    /** Whether {@code worker} holds {@code task} and the task is not over yet. */
    public boolean isActiveOn(TaskId task, WorkerId worker) {
        TaskExecution execution = tasks.get(task);
        return execution != null && execution.isActive() && execution.worker().orElseThrow().equals(worker);
    }

    /**
     * Whether the worker reported the task finished: a heartbeat sent before that report may still list it as
     * running, and such a stale listing is no stray.
     */
    public boolean hasFinishedOn(TaskId task, WorkerId worker) {
        TaskExecution execution = tasks.get(task);
        return execution != null && execution.state() == ExecutionState.FINISHED
                && execution.worker().map(worker::equals).orElse(false);
    }

    /** Workers holding tasks of this job that are not over yet. */
    public Set<WorkerId> activeWorkers() {
        Set<WorkerId> workers = new LinkedHashSet<>();
        tasks.values().stream().filter(TaskExecution::isActive).forEach(t -> workers.add(t.worker().orElseThrow()));
        return workers;
    }

    void waitFor(String reason, Instant now) {
        if (!reason.equals(waitingReason)) {
            waitingReason = reason;
            lastModification = now;
        }
    }

    void deploy(Placement placement, Instant now) {
        placement.assignments().forEach((task, worker) -> tasks.get(task).deploy(worker, now));
        waitingReason = null;
        lastModification = now;
    }

    /** A task reported a new state. The first task to run makes the job RUNNING (again, after a restart). */
    void taskStateChanged(TaskId task, ExecutionState state, Instant now) {
        TaskExecution execution = tasks.get(task);
        if (execution == null || !execution.update(state, now)) {
            return;
        }
        lastModification = now;
        boolean started = state == ExecutionState.RUNNING || state == ExecutionState.FINISHED;
        boolean redeployed = status == JobStatus.RESTARTING && restartDue == null;
        if (started && (status == JobStatus.CREATED || redeployed)) {
            transitionTo(JobStatus.RUNNING, now);
        }
    }

    /** RUNNING/RESTARTING → RESTARTING: the tasks are stopped; the next attempt may start after {@code delay}. */
    void restart(String cause, Instant now, Duration delay) {
        failureCause = cause;
        stopTasks(JobStatus.RESTARTING, now);
        restartBegan = now;
        restartDue = now.plus(delay);
    }

    /** Tasks of the old attempt that never confirmed they stopped are given up (their worker cancels strays). */
    void abandonStoppingTasks(Instant now) {
        tasks.values().stream().filter(t -> !t.state().isTerminal())
                .forEach(t -> t.update(ExecutionState.CANCELED, now));
    }

    /** The next attempt: fresh tasks, to be deployed; the job turns RUNNING when the first of them runs. */
    void beginNextAttempt(Instant now) {
        attempt++;
        if (!recovered) {
            restarts++;
        }
        recovered = false;
        restartDue = null;
        restartBegan = null;
        createTasks();
        lastModification = now;
    }

    /** Marks the unfinished tasks on a lost worker FAILED. @return how many there were */
    int failTasksOn(WorkerId worker, Instant now) {
        List<TaskExecution> lost = tasks.values().stream()
                .filter(t -> t.isActive() && t.worker().orElseThrow().equals(worker))
                .toList();
        lost.forEach(t -> t.update(ExecutionState.FAILED, now));
        if (!lost.isEmpty()) {
            lastModification = now;
        }
        return lost.size();
    }

    /** CREATED/RUNNING → FAILING: keeps the cause, marks the tasks to stop. */
    void fail(String cause, Instant now) {
        failureCause = cause;
        stopTasks(JobStatus.FAILING, now);
    }

    /** CREATED/RUNNING → CANCELLING: marks the tasks to stop. */
    void cancel(Instant now) {
        stopTasks(JobStatus.CANCELLING, now);
    }

    private void stopTasks(JobStatus stopping, Instant now) {
        if (status != stopping) {
            transitionTo(stopping, now);
        }
        waitingReason = null;
        for (TaskExecution task : tasks.values()) {
            // Tasks never deployed stop at once; deployed ones wait for their worker to confirm.
            task.update(task.isActive() ? ExecutionState.CANCELING : ExecutionState.CANCELED, now);
        }
    }

    /**
     * Moves to the terminal status once every task is over: FINISHED when all finished, otherwise the end of the
     * FAILING or CANCELLING phase.
     *
     * @return whether the job became terminal now
     */
    boolean completeIfDone(Instant now) {
        if (status.isTerminal() || !tasks.values().stream().allMatch(t -> t.state().isTerminal())) {
            return false;
        }
        if (status == JobStatus.RESTARTING) {
            return false;
        }
        JobStatus end = switch (status) {
            case FAILING -> JobStatus.FAILED;
            case CANCELLING -> JobStatus.CANCELED;
            case RUNNING -> {
                // The JobManager fails the job on any FAILED or unexpected CANCELED task before getting here.
                if (!tasks.values().stream().allMatch(t -> t.state() == ExecutionState.FINISHED)) {
                    throw new IllegalStateException("job " + id + " stopped without a failure being handled");
                }
                yield JobStatus.FINISHED;
            }
            default -> throw new IllegalStateException("job " + id + " has only terminal tasks in " + status);
        };
        transitionTo(end, now);
        return true;
    }

    private void transitionTo(JobStatus next, Instant now) {
        if (!status.canTransitionTo(next)) {
            throw new IllegalStateException("job " + id + ": illegal transition " + status + " -> " + next);
        }
        status = next;
        timestamps.putIfAbsent(next, now);
        lastModification = now;
    }
}
