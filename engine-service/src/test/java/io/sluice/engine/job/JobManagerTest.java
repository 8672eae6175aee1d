package io.sluice.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.engine.testing.ManualClock;
import io.sluice.engine.testing.RecordingControlChannel;
import io.sluice.engine.testing.RecordingTopicAdmin;
import io.sluice.engine.testing.TestGraphs;
import io.sluice.graph.CheckpointingConfig;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.RestartStrategyConfig;
import io.sluice.protocol.ControlMessage.AcknowledgeCheckpoint;
import io.sluice.protocol.ControlMessage.CancelJob;
import io.sluice.protocol.ControlMessage.DeployTasks;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.ControlMessage.NotifyCheckpointComplete;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.ControlMessage.TriggerCheckpoint;
import io.sluice.protocol.ControlMessage.WorkerStopping;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskRestore;
import io.sluice.protocol.TaskSnapshot;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.Topics;
import io.sluice.protocol.WorkerId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobManagerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final WorkerId A = new WorkerId("worker-a");
    private static final WorkerId B = new WorkerId("worker-b");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingControlChannel control = new RecordingControlChannel();
    private final RecordingTopicAdmin topics = new RecordingTopicAdmin();
    private final JobManager jobManager = new JobManager(control, topics, clock, TIMEOUT);

    @Test
    void submittedJobIsPlannedAndDeployedOverTheWorkers() {
        twoWorkersWithTwoSlots();

        JobId id = jobManager.submit(TestGraphs.twoStage(2));

        assertThat(topics.topics()).containsExactly(Map.entry(Topics.channel(id, "gen", "print"), 4));
        List<DeployTasks> deploys = control.sent(DeployTasks.class);
        assertThat(deploys).extracting(DeployTasks::worker).containsExactlyInAnyOrder(A, B);
        for (DeployTasks deploy : deploys) {
            assertThat(deploy.attempt()).isEqualTo(job(id).attempt());
            assertThat(deploy.plan().jobId()).isEqualTo(id);
            assertThat(deploy.tasks()).extracting(TaskId::chainId).containsExactlyInAnyOrder("gen", "print");
        }
        assertThat(job(id).status()).isEqualTo(JobStatus.CREATED);
        assertThat(job(id).waitingReason()).isEmpty();
        assertThat(job(id).tasks()).extracting(TaskExecution::state).containsOnly(ExecutionState.DEPLOYING);
        assertThat(jobManager.workers().freeSlots()).isZero();
    }

    @Test
    void firstRunningTaskMakesTheJobRunning() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(TestGraphs.twoStage(2));
        TaskId first = tasksOf(id).get(0);

        report(first, TaskState.RUNNING, null);

        assertThat(job(id).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job(id).task(first).orElseThrow().state()).isEqualTo(ExecutionState.RUNNING);
        assertThat(job(id).timestamps()).containsKeys(JobStatus.CREATED, JobStatus.RUNNING);
    }

    @Test
    void jobFinishesWhenAllTasksFinishAndThenGivesBackItsSlotsAndTopics() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(TestGraphs.twoStage(2));
        List<TaskId> tasks = tasksOf(id);
        tasks.forEach(t -> report(t, TaskState.RUNNING, null));
        tasks.subList(0, 3).forEach(t -> report(t, TaskState.FINISHED, null));
        assertThat(job(id).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(jobManager.workers().freeSlots()).isZero();

        report(tasks.get(3), TaskState.FINISHED, null);

        assertThat(job(id).status()).isEqualTo(JobStatus.FINISHED);
        assertThat(job(id).endTime()).contains(clock.instant());
        assertThat(topics.topics()).isEmpty();
        assertThat(jobManager.workers().freeSlots()).isEqualTo(4);
    }

    @Test
    void cancelAsksTheWorkersAndEndsCanceledWhenTheyConfirm() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(TestGraphs.twoStage(2));
        List<TaskId> tasks = tasksOf(id);
        tasks.forEach(t -> report(t, TaskState.RUNNING, null));

        jobManager.cancel(id);

        assertThat(control.sent(CancelJob.class)).containsExactlyInAnyOrder(new CancelJob(A, id), new CancelJob(B, id));
        assertThat(job(id).status()).isEqualTo(JobStatus.CANCELLING);
        assertThat(job(id).tasks()).extracting(TaskExecution::state).containsOnly(ExecutionState.CANCELING);

        tasks.subList(0, 3).forEach(t -> report(t, TaskState.CANCELED, null));
        assertThat(job(id).status()).isEqualTo(JobStatus.CANCELLING);
        report(tasks.get(3), TaskState.CANCELED, null);

        assertThat(job(id).status()).isEqualTo(JobStatus.CANCELED);
        assertThat(jobManager.workers().freeSlots()).isEqualTo(4);
        assertThat(topics.topics()).isEmpty();
    }

    @Test
    void cancellingAWaitingJobEndsItAtOnce() {
        JobId id = jobManager.submit(TestGraphs.twoStage(2));

        jobManager.cancel(id);

        assertThat(job(id).status()).isEqualTo(JobStatus.CANCELED);
        assertThat(job(id).waitingReason()).isEmpty();
        assertThat(control.sent()).isEmpty();
    }

    @Test
    void cancellingAnEndedJobIsRefusedAndAnUnknownOneIsNotFound() {
        JobId id = jobManager.submit(TestGraphs.twoStage(2));
        jobManager.cancel(id);

        assertThatThrownBy(() -> jobManager.cancel(id)).isInstanceOf(JobAlreadyTerminalException.class);
        assertThatThrownBy(() -> jobManager.cancel(JobId.random())).isInstanceOf(UnknownJobException.class);
    }

    @Test
    void aJobThatDoesNotFitWaitsVisiblyAndStartsWhenAWorkerJoins() {
        heartbeat(A, 2);

        JobId id = jobManager.submit(TestGraphs.twoStage(2));

        assertThat(job(id).status()).isEqualTo(JobStatus.CREATED);
        assertThat(job(id).waitingReason()).contains("waiting for 4 slots, 2 available");
        assertThat(control.sent()).isEmpty();
        assertThat(topics.topics()).isEmpty();

        heartbeat(B, 2);

        assertThat(job(id).waitingReason()).isEmpty();
        assertThat(control.sent(DeployTasks.class)).hasSize(2);
    }

    @Test
    void aWaitingJobStartsWhenAnotherJobFreesItsSlots() {
        twoWorkersWithTwoSlots();
        JobId first = jobManager.submit(TestGraphs.twoStage(2));
        JobId second = jobManager.submit(TestGraphs.oneChain(2));
        assertThat(job(second).waitingReason()).contains("waiting for 2 slots, 0 available");

        tasksOf(first).forEach(t -> report(t, TaskState.RUNNING, null));
        tasksOf(first).forEach(t -> report(t, TaskState.FINISHED, null));

        assertThat(job(second).waitingReason()).isEmpty();
        assertThat(control.sent(DeployTasks.class)).filteredOn(d -> d.plan().jobId().equals(second)).hasSize(2);
        assertThat(jobManager.workers().freeSlots()).isEqualTo(2);
    }

    @Test
    void workerSilentLongerThanTheTimeoutIsRemovedAndItsJobFails() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(TestGraphs.twoStage(2));
        tasksOf(id).forEach(t -> report(t, TaskState.RUNNING, null));

        clock.advance(Duration.ofSeconds(9));
        heartbeat(A, 2, runningOn(id, A));
        clock.advance(Duration.ofSeconds(2));
        jobManager.tick(clock.instant());

        assertThat(jobManager.workers().contains(B)).isFalse();
        assertThat(jobManager.workers().contains(A)).isTrue();
        assertThat(job(id).status()).isEqualTo(JobStatus.FAILING);
        assertThat(job(id).failureCause()).hasValueSatisfying(cause -> assertThat(cause)
                .contains("worker-b").contains("no heartbeat for 11000 ms"));
        assertThat(control.sent(CancelJob.class)).containsExactly(new CancelJob(A, id));

        runningOn(id, A).forEach(t -> report(t, TaskState.CANCELED, null));

        assertThat(job(id).status()).isEqualTo(JobStatus.FAILED);
        assertThat(job(id).failureCause()).hasValueSatisfying(cause -> assertThat(cause).contains("worker-b"));
        assertThat(jobManager.workers().freeSlots()).isEqualTo(2);
        assertThat(topics.topics()).isEmpty();
    }

    @Test
    void aHeartbeatExactlyTheTimeoutAgoStillCounts() {
        heartbeat(A, 2);
        clock.advance(TIMEOUT);

        jobManager.tick(clock.instant());

        assertThat(jobManager.workers().contains(A)).isTrue();
    }

    @Test
    void aFailedTaskFailsTheJobWithItsCauseAfterTheOtherTasksStop() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(TestGraphs.twoStage(2));
        List<TaskId> tasks = tasksOf(id);
        tasks.forEach(t -> report(t, TaskState.RUNNING, null));

        report(tasks.get(0), TaskState.FAILED, "java.lang.ArithmeticException: / by zero");

        assertThat(job(id).status()).isEqualTo(JobStatus.FAILING);
        assertThat(control.sent(CancelJob.class)).containsExactlyInAnyOrder(new CancelJob(A, id), new CancelJob(B, id));
        tasks.subList(1, 4).forEach(t -> report(t, TaskState.CANCELED, null));

        assertThat(job(id).status()).isEqualTo(JobStatus.FAILED);
        assertThat(job(id).failureCause()).hasValueSatisfying(cause -> assertThat(cause)
                .contains(tasks.get(0).toString()).contains("/ by zero"));
        assertThat(jobManager.workers().freeSlots()).isEqualTo(4);
    }

    @Test
    void aStoppingWorkerFailsTheJobsOnIt() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(TestGraphs.oneChain(2));

        jobManager.onMessage(new WorkerStopping(B));

        assertThat(jobManager.workers().contains(B)).isFalse();
        assertThat(job(id).status()).isEqualTo(JobStatus.FAILING);
        assertThat(job(id).failureCause()).hasValueSatisfying(cause -> assertThat(cause).contains("worker-b").endsWith("stopped"));
    }

    @Test
    void updatesFromAnotherAttemptOrWorkerAreIgnored() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(TestGraphs.oneChain(2));
        TaskId task = tasksOf(id).get(0);
        WorkerId owner = workerOf(id, task);
        WorkerId other = owner.equals(A) ? B : A;

        jobManager.onMessage(new TaskStateChanged(owner, task, job(id).attempt() + 1, TaskState.FAILED, "old", 0));
        jobManager.onMessage(new TaskStateChanged(other, task, job(id).attempt(), TaskState.FAILED, "elsewhere", 0));

        assertThat(job(id).status()).isEqualTo(JobStatus.CREATED);
        assertThat(job(id).task(task).orElseThrow().state()).isEqualTo(ExecutionState.DEPLOYING);
    }

    @Test
    void tasksAWorkerRunsForAnEndedJobAreCancelled() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(TestGraphs.oneChain(2));
        jobManager.cancel(id);
        tasksOf(id).forEach(t -> report(t, TaskState.CANCELED, null));
        control.clear();

        heartbeat(A, 2, List.of(new TaskId(id, "gen", 0)));

        assertThat(control.sent()).containsExactly(new CancelJob(A, id));
    }

    @Test
    void aStaleHeartbeatListingATaskThatAlreadyFinishedThereCancelsNothing() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(TestGraphs.oneChain(2));
        tasksOf(id).forEach(t -> report(t, TaskState.RUNNING, null));
        TaskId finished = tasksOf(id).get(0);
        report(finished, TaskState.FINISHED, null);
        control.clear();

        // Sent before the finish report, handled after it: the other task of the job must run on.
        heartbeat(workerOf(id, finished), 2, List.of(finished));

        assertThat(control.sent()).isEmpty();
        assertThat(job(id).status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void tasksAWorkerReportsAsAssignedToItAreLeftAlone() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(TestGraphs.oneChain(2));
        control.clear();

        heartbeat(A, 2, runningOn(id, A));

        assertThat(control.sent()).isEmpty();
    }

    @Test
    void aJobWhoseTopicsCannotBeCreatedFails() {
        twoWorkersWithTwoSlots();
        topics.failCreationWith("broker unavailable");

        JobId id = jobManager.submit(TestGraphs.twoStage(2));

        assertThat(job(id).status()).isEqualTo(JobStatus.FAILED);
        assertThat(job(id).failureCause()).hasValueSatisfying(cause -> assertThat(cause)
                .contains("topics").contains("broker unavailable"));
        assertThat(control.sent()).isEmpty();
        assertThat(jobManager.workers().freeSlots()).isEqualTo(4);
    }

    @Test
    void checkpointsAreTriggeredAtTheSourcesAndCompleteWhenEveryTaskAcknowledged() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(checkpointed(TestGraphs.oneChain(2), 1));
        List<TaskId> tasks = tasksOf(id);
        tasks.forEach(t -> report(t, TaskState.RUNNING, null));
        control.clear();

        clock.advance(Duration.ofSeconds(1));
        jobManager.tick(clock.instant());

        List<TriggerCheckpoint> triggers = control.sent(TriggerCheckpoint.class);
        assertThat(triggers).extracting(TriggerCheckpoint::checkpointId).containsOnly(1L);
        assertThat(triggers.stream().flatMap(t -> t.sources().stream())).containsExactlyInAnyOrderElementsOf(tasks);
        acknowledgeAll(id, 1);

        assertThat(control.sent(NotifyCheckpointComplete.class)).extracting(NotifyCheckpointComplete::worker)
                .containsExactlyInAnyOrder(A, B);
        assertThat(job(id).checkpointStats().orElseThrow().counts().completed()).isEqualTo(1);
    }

    @Test
    void aFailedTaskRestartsTheJobAsTheNextAttemptFromTheLatestCheckpoint() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(checkpointed(TestGraphs.oneChain(2), 1));
        List<TaskId> tasks = tasksOf(id);
        tasks.forEach(t -> report(t, TaskState.RUNNING, null));
        clock.advance(Duration.ofSeconds(1));
        jobManager.tick(clock.instant());
        acknowledgeAll(id, 1);
        control.clear();

        report(tasks.get(0), TaskState.FAILED, "java.lang.IllegalStateException: boom");

        assertThat(job(id).status()).isEqualTo(JobStatus.RESTARTING);
        assertThat(control.sent(CancelJob.class)).extracting(CancelJob::worker).contains(workerOf(id, tasks.get(1)));
        report(tasks.get(1), TaskState.CANCELED, null);
        jobManager.tick(clock.instant());
        assertThat(control.sent(DeployTasks.class)).as("deployed before the restart delay").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        jobManager.tick(clock.instant());

        List<DeployTasks> deployments = control.sent(DeployTasks.class);
        assertThat(deployments).extracting(DeployTasks::attempt).containsOnly(1);
        assertThat(deployments.stream().flatMap(d -> d.restores().stream()))
                .extracting(TaskRestore::task, TaskRestore::checkpointId, TaskRestore::location)
                .containsExactlyInAnyOrder(
                        tuple(tasks.get(0), 1L, "file:/chk-1/" + tasks.get(0).subtask()),
                        tuple(tasks.get(1), 1L, "file:/chk-1/" + tasks.get(1).subtask()));
        report(tasks.get(0), TaskState.RUNNING, null);
        assertThat(job(id).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job(id).attempt()).isEqualTo(1);
        assertThat(job(id).exceptions()).singleElement().satisfies(e -> {
            assertThat(e.cause()).contains("boom");
            assertThat(e.task()).contains(tasks.get(0));
        });
        assertThat(job(id).checkpointStats().orElseThrow().counts().restored()).isEqualTo(1);
    }

    @Test
    void aJobOutOfRestartAttemptsFails() {
        twoWorkersWithTwoSlots();
        JobId id = jobManager.submit(checkpointed(TestGraphs.oneChain(2), 0));
        List<TaskId> tasks = tasksOf(id);
        tasks.forEach(t -> report(t, TaskState.RUNNING, null));

        report(tasks.get(0), TaskState.FAILED, "boom");
        report(tasks.get(1), TaskState.CANCELED, null);

        assertThat(job(id).status()).isEqualTo(JobStatus.FAILED);
        assertThat(job(id).failureCause()).hasValueSatisfying(cause -> assertThat(cause).contains("boom"));
    }

    private static JobGraph checkpointed(JobGraph graph, int restartAttempts) {
        return new JobGraph(graph.name(), graph.vertices(), graph.edges(), new JobConfig(
                graph.config().parallelism(), graph.config().maxParallelism(),
                CheckpointingConfig.of(Duration.ofSeconds(1), CheckpointingConfig.Mode.EXACTLY_ONCE),
                new RestartStrategyConfig.FixedDelay(restartAttempts, 1000)));
    }

    private void acknowledgeAll(JobId id, long checkpointId) {
        for (TaskId task : tasksOf(id)) {
            jobManager.onMessage(new AcknowledgeCheckpoint(workerOf(id, task), task, job(id).attempt(), checkpointId,
                    new TaskSnapshot("file:/chk-" + checkpointId + "/" + task.subtask(), 100, 10)));
        }
    }

    private void twoWorkersWithTwoSlots() {
        heartbeat(A, 2);
        heartbeat(B, 2);
    }

    private void heartbeat(WorkerId worker, int slots) {
        heartbeat(worker, slots, List.of());
    }

    private void heartbeat(WorkerId worker, int slots, List<TaskId> running) {
        jobManager.onMessage(new Heartbeat(worker, worker.value() + ":8082", slots, running,
                clock.instant().toEpochMilli()));
    }

    /** Reports as the worker the task was deployed to, in the job's current attempt. */
    private void report(TaskId task, TaskState state, String failure) {
        JobMaster job = job(task.jobId());
        jobManager.onMessage(new TaskStateChanged(workerOf(task.jobId(), task), task, job.attempt(), state, failure,
                clock.instant().toEpochMilli()));
    }

    private JobMaster job(JobId id) {
        return jobManager.job(id).orElseThrow();
    }

    private List<TaskId> tasksOf(JobId id) {
        return job(id).tasks().stream().map(TaskExecution::id).toList();
    }

    private WorkerId workerOf(JobId id, TaskId task) {
        return job(id).task(task).orElseThrow().worker().orElseThrow();
    }

    private List<TaskId> runningOn(JobId id, WorkerId worker) {
        return job(id).tasks().stream()
                .filter(t -> t.worker().map(worker::equals).orElse(false))
                .map(TaskExecution::id)
                .toList();
    }
}
