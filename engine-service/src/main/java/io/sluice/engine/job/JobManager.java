package io.sluice.engine.job;

import io.sluice.engine.checkpoint.CheckpointDiscarder;
import io.sluice.engine.savepoint.SavepointMode;
import io.sluice.engine.savepoint.SavepointRequests;
import io.sluice.engine.savepoint.SavepointRestorePlan;
import io.sluice.engine.savepoint.SavepointStatus;
import io.sluice.engine.scheduler.Placement;
import io.sluice.engine.scheduler.Scheduler;
import io.sluice.engine.scheduler.Worker;
import io.sluice.engine.scheduler.WorkerRegistry;
import io.sluice.graph.JobGraph;
import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessage.AcknowledgeCheckpoint;
import io.sluice.protocol.ControlMessage.CancelJob;
import io.sluice.protocol.ControlMessage.DeclineCheckpoint;
import io.sluice.protocol.ControlMessage.DeployTasks;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.ControlMessage.WorkerStopping;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskRestore;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.WorkerId;
import io.sluice.runtime.plan.JobPlanner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All jobs and workers of the cluster: submission, scheduling, reactions to worker messages, cancellation and
 * heartbeat expiry. A functional core: the outside world is reached only through {@link ControlChannel} and
 * {@link TopicAdmin}, and time only through the clock and {@link #tick}. Not thread-safe: run it on one thread
 * ({@link JobManagerActor}).
 */
public final class JobManager {

    private static final Logger log = LoggerFactory.getLogger(JobManager.class);

    private final ControlChannel control;
    private final TopicAdmin topics;
    private final Clock clock;
    /** How long a restart waits for the old attempt's tasks to confirm they stopped. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Duration heartbeatTimeout;
    private final Scheduler scheduler = new Scheduler();
    private final WorkerRegistry workers = new WorkerRegistry();
    private final Map<JobId, JobMaster> jobs = new LinkedHashMap<>();
    private final JobStore store;
    private final JobDefaults defaults;
    private final CheckpointDiscarder discarder;

    /** Keeps jobs in memory only, with the default number of retained checkpoints. */
    public JobManager(ControlChannel control, TopicAdmin topics, Clock clock, Duration heartbeatTimeout) {
        this(control, topics, clock, heartbeatTimeout, new InMemoryJobStore(), JobDefaults.DEFAULTS,
                CheckpointDiscarder.KEEP_ALL);
    }

    /**
     * @param store where jobs and their checkpoint metadata survive an engine restart ({@link #recoverJobs})
     * @param defaults what job specs leave out
     * @param discarder deletes the state of checkpoints that are no longer retained
     */
    public JobManager(ControlChannel control, TopicAdmin topics, Clock clock, Duration heartbeatTimeout,
            JobStore store, JobDefaults defaults, CheckpointDiscarder discarder) {
        this.control = control;
        this.topics = topics;
        this.clock = clock;
        this.heartbeatTimeout = heartbeatTimeout;
        this.store = store;
        this.defaults = defaults;
        this.discarder = discarder;
    }

    /**
     * Takes over the jobs a previous engine run left in the store (call once, before anything else). Running jobs
     * restart from their latest completed checkpoint with a new attempt, once every live worker had a heartbeat
     * timeout to report (and stop) the tasks of the old attempts; see {@link JobMaster#recover}.
     */
    public void recoverJobs() {
        Instant now = clock.instant();
        for (JobRecord record : store.jobs()) {
            JobMaster job = JobMaster.recover(record, now, store, defaults, discarder, heartbeatTimeout);
            jobs.put(job.id(), job);
            log.info("Job {} ({}) recovered: was {} in attempt {}, now {}", job.id(), job.name(), record.status(),
                    record.attempt(), job.status());
            persist(job);
            completeIfDone(job);
        }
    }

    public Clock clock() {
        return clock;
    }

    public WorkerRegistry workers() {
        return workers;
    }

    /** All jobs in submission order. */
    public Collection<JobMaster> jobs() {
        return List.copyOf(jobs.values());
    }

    public Optional<JobMaster> job(JobId id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Plans the (validated) graph and deploys it if the slots suffice; otherwise it waits in CREATED. */
    public JobId submit(JobGraph graph) {
        return submit(graph, null);
    }

    /**
     * As {@link #submit(JobGraph)}, starting from a savepoint.
     *
     * @param savepointRestore what each operator restores (checked against the graph), or null to start from scratch
     */
    public JobId submit(JobGraph graph, SavepointRestorePlan savepointRestore) {
        JobId id = JobId.random();
        JobMaster job = new JobMaster(JobPlanner.plan(id, graph), clock.instant(), store, defaults, discarder,
                savepointRestore);
        jobs.put(id, job);
        persist(job);
        log.info("Job {} ({}) submitted: {} tasks", id, graph.name(), job.plan().taskCount());
        tryDeploy(job);
        return id;
    }

    /**
     * Cancels a job: its workers are told to stop its tasks; it is CANCELED when they confirm. Cancelling a job
     * that is already stopping is a no-op.
     *
     * @throws UnknownJobException if there is no such job
     * @throws JobAlreadyTerminalException if the job already ended
     */
    public void cancel(JobId id) {
        JobMaster job = job(id).orElseThrow(() -> new UnknownJobException(id.hex()));
        if (job.status().isTerminal()) {
            throw new JobAlreadyTerminalException(id, job.status());
        }
        if (job.status() == JobStatus.FAILING || job.status() == JobStatus.CANCELLING) {
            return;
        }
        log.info("Cancelling job {}", id);
        job.checkpoints().ifPresent(c -> c.abortAll(job, "job cancelled", clock.instant(), control));
        job.cancel(clock.instant());
        persist(job);
        sendCancel(job);
        completeIfDone(job);
    }

    /**
     * Takes a savepoint of a running job into a new directory under {@code targetDirectory}; with
     * {@link SavepointMode#STOP} or {@link SavepointMode#CANCEL} the job then ends.
     *
     * @return the request id to ask {@link #savepointStatus} about
     * @throws UnknownJobException if there is no such job
     * @throws SavepointRefusedException if the job is not running, does not checkpoint, or has a savepoint running
     */
    public String triggerSavepoint(JobId id, Path targetDirectory, SavepointMode mode) {
        JobMaster job = job(id).orElseThrow(() -> new UnknownJobException(id.hex()));
        if (job.status() != JobStatus.RUNNING) {
            throw new SavepointRefusedException("job " + id + " is " + job.status()
                    + ": savepoints are taken of running jobs");
        }
        JobCheckpoints checkpoints = job.checkpoints().orElseThrow(() -> new SavepointRefusedException("job " + id
                + " does not checkpoint: savepoints need \"checkpointing\" in the job spec"));
        SavepointRequests.Pending request = checkpoints.savepoints().create(id.hex(), targetDirectory, mode);
        checkpoints.triggerSavepoint(job, request, clock.instant(), control).ifPresent(reason -> {
            throw new SavepointRefusedException(reason);
        });
        return request.requestId();
    }

    /**
     * @throws UnknownJobException if there is no such job
     * @throws UnknownSavepointRequestException if the job has no such request (or does not checkpoint)
     */
    public SavepointStatus savepointStatus(JobId id, String requestId) {
        JobMaster job = job(id).orElseThrow(() -> new UnknownJobException(id.hex()));
        return job.checkpoints().flatMap(c -> c.savepoints().status(requestId))
                .orElseThrow(() -> new UnknownSavepointRequestException(id, requestId));
    }

    /** A savepoint completed: the job goes on, finishes (stop) or is cancelled, as requested. */
    private void savepointCompleted(JobMaster job, SavepointRequests.Pending request) {
        switch (request.mode()) {
            case KEEP_RUNNING -> { }
            case STOP -> job.checkpoints().ifPresent(c -> c.finishSources(job, clock.instant(), control));
            case CANCEL -> cancel(job.id());
        }
    }

    /** Entry point for everything workers send. */
    public void onMessage(ControlMessage.ToEngine message) {
        if (message instanceof Heartbeat heartbeat) {
            onHeartbeat(heartbeat);
        } else if (message instanceof TaskStateChanged changed) {
            onTaskStateChanged(changed);
        } else if (message instanceof WorkerStopping stopping) {
            onWorkerStopping(stopping);
        } else if (message instanceof AcknowledgeCheckpoint ack) {
            JobMaster job = jobs.get(ack.task().jobId());
            checkpointsOf(ack.task()).flatMap(c -> c.acknowledge(job, ack, clock.instant(), control))
                    .ifPresent(request -> savepointCompleted(job, request));
        } else if (message instanceof DeclineCheckpoint decline) {
            checkpointsOf(decline.task()).ifPresent(c -> c.decline(jobs.get(decline.task().jobId()), decline,
                    clock.instant(), control));
        }
    }

    /** The checkpoints of the job of {@code task}, while that job runs. */
    private Optional<JobCheckpoints> checkpointsOf(TaskId task) {
        JobMaster job = jobs.get(task.jobId());
        return job == null || job.status() != JobStatus.RUNNING ? Optional.empty() : job.checkpoints();
    }

    public void onTaskStateChanged(TaskStateChanged message) {
        JobMaster job = jobs.get(message.task().jobId());
        if (job == null || job.status().isTerminal() || message.attempt() != job.attempt()
                || !job.isActiveOn(message.task(), message.worker())) {
            log.debug("Ignoring stale task update {}", message);
            return;
        }
        boolean expected = job.status() == JobStatus.FAILING || job.status() == JobStatus.CANCELLING
                || job.status() == JobStatus.RESTARTING;
        job.taskStateChanged(message.task(), ExecutionState.of(message.state()), clock.instant());
        job.checkpoints().ifPresent(checkpoints -> {
            if (message.state() == TaskState.RUNNING) {
                checkpoints.startIfAllRunning(job, clock.instant());
            } else {
                // Barriers cannot pass a task that stopped: no checkpoint could complete any more.
                checkpoints.abortAll(job, "task " + message.task() + " is " + message.state(), clock.instant(),
                        control);
            }
        });
        if (message.state() == TaskState.FAILED) {
            handleFailure(job, new JobException(clock.instant(), "Task " + message.task() + " failed on worker "
                    + message.worker() + ": " + message.failure(), Optional.of(message.task()),
                    Optional.of(message.worker())));
        } else if (message.state() == TaskState.CANCELED && !expected) {
            handleFailure(job, new JobException(clock.instant(), "Task " + message.task()
                    + " was canceled by worker " + message.worker(), Optional.of(message.task()),
                    Optional.of(message.worker())));
        }
        completeIfDone(job);
    }

    /**
     * Registers or refreshes a worker. Tasks it reports that the engine does not place on it (jobs that ended or
     * failed over while it was unreachable) are cancelled, so they cannot run on as zombies.
     */
    public void onHeartbeat(Heartbeat heartbeat) {
        WorkerId worker = heartbeat.worker();
        boolean known = workers.contains(worker);
        boolean capacityChanged =
                workers.heartbeat(worker, heartbeat.address(), heartbeat.slots(), clock.instant());
        if (!known) {
            log.info("Worker {} at {} registered with {} slots", worker, heartbeat.address(), heartbeat.slots());
        }
        workers.reportRunning(worker, heartbeat.runningTasks());
        Set<JobId> strays = new LinkedHashSet<>();
        for (TaskId task : heartbeat.runningTasks()) {
            if (!job(task.jobId()).map(j -> j.isActiveOn(task, worker) || j.hasFinishedOn(task, worker))
                    .orElse(false)) {
                strays.add(task.jobId());
            }
        }
        strays.forEach(jobId -> control.send(new CancelJob(worker, jobId)));
        if (capacityChanged) {
            scheduleWaitingJobs();
        }
    }

    public void onWorkerStopping(WorkerStopping message) {
        workers.worker(message.worker())
                .ifPresent(w -> workerLost(w, "Worker " + w.id() + " at " + w.address() + " stopped"));
    }

    /** Periodic housekeeping: expires silent workers, then retries waiting jobs. */
    public void tick(Instant now) {
        for (Worker worker : workers.expired(now, heartbeatTimeout)) {
            long silentMillis = Duration.between(worker.lastHeartbeat(), now).toMillis();
            workerLost(worker, "Worker " + worker.id() + " at " + worker.address() + " lost: no heartbeat for "
                    + silentMillis + " ms (timeout " + heartbeatTimeout.toMillis() + " ms)");
        }
        for (JobMaster job : jobs.values()) {
            if (job.status() == JobStatus.RUNNING) {
                job.checkpoints().ifPresent(checkpoints -> checkpoints.tick(job, now, control));
            }
        }
        restartDueJobs(now);
        scheduleWaitingJobs();
    }

    private void workerLost(Worker worker, String cause) {
        log.warn(cause);
        workers.remove(worker.id());
        Instant now = clock.instant();
        for (JobMaster job : jobs.values()) {
            if (!job.status().isTerminal() && job.failTasksOn(worker.id(), now) > 0) {
                handleFailure(job, new JobException(now, cause, Optional.empty(), Optional.of(worker.id())));
                completeIfDone(job);
            }
        }
    }

    /**
     * The one place where a failure of a job is decided. A running job (or a redeployed attempt) restarts while
     * its restart strategy allows: its tasks are cancelled, and {@link #tick} deploys the next attempt from the
     * latest completed checkpoint after the delay. Otherwise the job's other tasks are cancelled and it ends
     * FAILED with the cause. Failures of tasks that are already being stopped are not failures of the job.
     */
    private void handleFailure(JobMaster job, JobException failure) {
        boolean redeployed = job.status() == JobStatus.RESTARTING && !job.isStoppingOrWaiting();
        if (job.status() != JobStatus.CREATED && job.status() != JobStatus.RUNNING && !redeployed) {
            return;
        }
        Instant now = clock.instant();
        job.recordException(failure);
        job.checkpoints().ifPresent(c -> c.abortAll(job, "job failed", now, control));
        Optional<Duration> delay = job.status() == JobStatus.CREATED
                ? Optional.empty()
                : job.restartStrategy().onFailure(now);
        if (delay.isPresent()) {
            log.warn("Job {} restarts (restart {}) in {}: {}", job.id(), job.restarts() + 1, delay.get(),
                    failure.cause());
            job.restart(failure.cause(), now, delay.get());
        } else {
            log.warn("Job {} failed: {}", job.id(), failure.cause());
            job.fail(failure.cause(), now);
        }
        persist(job);
        sendCancel(job);
    }

    /**
     * RESTARTING jobs: once the old attempt stopped (or stopping took too long) and the delay is over, deploys the
     * next attempt; every task resumes from the latest completed checkpoint, if there is one.
     */
    private void restartDueJobs(Instant now) {
        for (JobMaster job : List.copyOf(jobs.values())) {
            if (job.isStoppingSince(now.minus(STOP_TIMEOUT))) {
                log.warn("Job {}: tasks did not confirm they stopped within {}; restarting anyway", job.id(),
                        STOP_TIMEOUT);
                job.abandonStoppingTasks(now);
                workers.release(job.tasks().stream().map(TaskExecution::id).toList());
            }
            if (!job.isDueForRedeploy(now)) {
                continue;
            }
            if (job.isRecovered() && workers.anyReportsTaskOf(job.id())
                    && !job.isRecoveredBefore(now.minus(STOP_TIMEOUT))) {
                // Taken over from a previous engine run: workers still run tasks of an old attempt (told to cancel).
                job.waitFor("recovering: waiting for workers to stop tasks of earlier attempts", now);
                continue;
            }
            Optional<Placement> placement = scheduler.place(job.plan(), workers);
            if (placement.isEmpty()) {
                job.waitFor("restarting: waiting for " + job.plan().taskCount() + " slots, "
                        + workers.freeSlots() + " available", now);
                continue;
            }
            List<TaskRestore> latest = job.checkpoints().map(c -> c.restoreLatest(now)).orElse(List.of());
            // No checkpoint of its own yet: a job started from a savepoint starts from it again.
            List<TaskRestore> restores = !latest.isEmpty() ? latest
                    : job.savepointRestore().map(r -> r.restores(job.plan())).orElse(List.of());
            job.beginNextAttempt(now);
            workers.allocate(placement.get());
            job.deploy(placement.get(), now);
            // The attempt is durable before any task of it runs: a restarted engine must never deploy it again.
            persist(job);
            placement.get().byWorker().forEach((worker, tasks) -> control.send(new DeployTasks(worker,
                    job.attempt(), job.plan(), tasks, restores.stream().filter(r -> tasks.contains(r.task())).toList())));
            log.info("Job {} redeployed as attempt {} ({})", job.id(), job.attempt(),
                    restores.isEmpty() ? "from scratch" : "from checkpoint " + restores.get(0).checkpointId());
        }
    }

    /** Stores what a restarted engine needs of the job; an ended job is forgotten. */
    private void persist(JobMaster job) {
        if (job.status().isTerminal()) {
            store.remove(job.id());
        } else {
            store.put(job.toRecord());
        }
    }

    private void sendCancel(JobMaster job) {
        job.activeWorkers().forEach(worker -> control.send(new CancelJob(worker, job.id())));
    }

    private void completeIfDone(JobMaster job) {
        if (job.status() == JobStatus.RESTARTING) {
            // The old attempt's slots are free once its tasks stopped; the next attempt allocates its own.
            if (job.tasks().stream().allMatch(t -> t.state().isTerminal())) {
                workers.release(job.tasks().stream().map(TaskExecution::id).toList());
            }
            return;
        }
        if (!job.completeIfDone(clock.instant())) {
            return;
        }
        log.info("Job {} ({}) is {}", job.id(), job.name(), job.status());
        if (job.status() != JobStatus.FAILED) {
            // A failed job keeps its latest checkpoint, to look into or to start from again.
            job.checkpoints().ifPresent(JobCheckpoints::discardAll);
        }
        persist(job);
        workers.release(job.tasks().stream().map(TaskExecution::id).toList());
        topics.deleteJobTopics(job.id());
        scheduleWaitingJobs();
    }

    private void scheduleWaitingJobs() {
        for (JobMaster job : List.copyOf(jobs.values())) {
            if (job.isWaitingForSlots()) {
                tryDeploy(job);
            }
        }
    }

    private void tryDeploy(JobMaster job) {
        Instant now = clock.instant();
        Optional<Placement> placement = scheduler.place(job.plan(), workers);
        if (placement.isEmpty()) {
            job.waitFor("waiting for " + job.plan().taskCount() + " slots, " + workers.freeSlots() + " available",
                    now);
            return;
        }
        try {
            topics.createTopics(job.plan().channels());
        } catch (RuntimeException e) {
            handleFailure(job, new JobException(now, "Could not create the job's topics: " + e.getMessage(),
                    Optional.empty(), Optional.empty()));
            completeIfDone(job);
            return;
        }
        workers.allocate(placement.get());
        job.deploy(placement.get(), now);
        persist(job);
        List<TaskRestore> restores = job.savepointRestore().map(r -> r.restores(job.plan())).orElse(List.of());
        job.savepointRestore().ifPresent(r -> job.checkpoints().ifPresent(c -> c.restoredFromSavepoint(
                r.checkpointId(), r.savepoint().toString(), now)));
        placement.get().byWorker().forEach((worker, tasks) -> control.send(new DeployTasks(worker, job.attempt(),
                job.plan(), tasks, restores.stream().filter(r -> tasks.contains(r.task())).toList())));
        log.info("Job {} deployed to {} workers", job.id(), placement.get().byWorker().size());
    }
}
