package io.sluice.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.engine.checkpoint.CheckpointDiscarder;
import io.sluice.engine.ha.FileJobStore;
import io.sluice.engine.testing.ManualClock;
import io.sluice.engine.testing.RecordingControlChannel;
import io.sluice.engine.testing.RecordingTopicAdmin;
import io.sluice.engine.testing.TestGraphs;
import io.sluice.graph.CheckpointingConfig;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.protocol.ControlMessage.AcknowledgeCheckpoint;
import io.sluice.protocol.ControlMessage.CancelJob;
import io.sluice.protocol.ControlMessage.DeployTasks;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.ControlMessage.TriggerCheckpoint;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskRestore;
import io.sluice.protocol.TaskSnapshot;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.WorkerId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine restart: a second job manager on the same HA directory takes the jobs of the first one over, as if the
 * first had been killed with kill -9 at that moment. No Kafka: the control channel records what would be sent.
 */
class JobRecoveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final WorkerId A = new WorkerId("worker-a");
    private static final WorkerId B = new WorkerId("worker-b");

    @TempDir
    Path haDir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingControlChannel control = new RecordingControlChannel();
    private final RecordingTopicAdmin topics = new RecordingTopicAdmin();

    @Test
    void aRunningJobRestartsFromItsLatestCheckpointWithAHigherAttemptOnceOldTasksAreGone() {
        JobManager first = engine();
        heartbeat(first, A, List.of());
        heartbeat(first, B, List.of());
        JobId id = first.submit(checkpointed(TestGraphs.oneChain(2)));
        JobMaster before = first.job(id).orElseThrow();
        List<TaskId> tasks = before.tasks().stream().map(TaskExecution::id).toList();
        tasks.forEach(t -> report(first, before, t, TaskState.RUNNING));
        completeCheckpoint(first, before, tasks);
        completeCheckpoint(first, before, tasks);
        int oldAttempt = before.attempt();
        List<TaskId> onA = tasksOn(before, A);
        List<TaskId> onB = tasksOn(before, B);
        control.clear();

        JobManager second = engine();
        second.recoverJobs();

        JobMaster job = second.job(id).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.RESTARTING);
        // The old attempt's tasks still run on both workers: they are told to stop, and no deployment happens yet.
        clock.advance(TIMEOUT.plusSeconds(1));
        heartbeat(second, A, onA);
        heartbeat(second, B, onB);
        assertThat(control.sent(CancelJob.class)).containsExactlyInAnyOrder(new CancelJob(A, id), new CancelJob(B, id));
        second.tick(clock.instant());
        assertThat(control.sent(DeployTasks.class)).as("deployed while old tasks run").isEmpty();
        assertThat(job.waitingReason()).hasValueSatisfying(r -> assertThat(r).contains("earlier attempts"));

        heartbeat(second, A, List.of());
        heartbeat(second, B, List.of());
        second.tick(clock.instant());

        List<DeployTasks> deployments = control.sent(DeployTasks.class);
        assertThat(deployments).extracting(DeployTasks::attempt).containsOnly(oldAttempt + 1);
        assertThat(deployments.stream().flatMap(d -> d.restores().stream()))
                .extracting(TaskRestore::task, TaskRestore::checkpointId)
                .containsExactlyInAnyOrder(tuple(tasks.get(0), 2L), tuple(tasks.get(1), 2L));
        assertThat(job.restarts()).as("an engine restart is no restart of the job").isZero();
        report(second, job, tasks.get(0), TaskState.RUNNING);
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);

        // The next checkpoint id follows the ones the first engine handed out.
        tasks.forEach(t -> report(second, job, t, TaskState.RUNNING));
        control.clear();
        clock.advance(Duration.ofSeconds(1));
        second.tick(clock.instant());
        assertThat(control.sent(TriggerCheckpoint.class)).extracting(TriggerCheckpoint::checkpointId).containsOnly(3L);
    }

    @Test
    void theAttemptIsStoredBeforeItIsDeployedSoARestartNeverReusesIt() {
        JobManager first = engine();
        heartbeat(first, A, List.of());
        JobId id = first.submit(checkpointed(TestGraphs.oneChain(1)));
        int deployedAttempt = control.sent(DeployTasks.class).get(0).attempt();

        JobManager second = engine();
        second.recoverJobs();
        clock.advance(TIMEOUT.plusSeconds(1));
        heartbeat(second, A, List.of());
        second.tick(clock.instant());

        assertThat(control.sent(DeployTasks.class)).extracting(DeployTasks::attempt)
                .containsExactly(deployedAttempt, deployedAttempt + 1);
        assertThat(second.job(id).orElseThrow().attempt()).isEqualTo(deployedAttempt + 1);
    }

    @Test
    void aJobWaitingForSlotsKeepsWaitingAndStartsWhenAWorkerComes() {
        JobManager first = engine();
        JobId id = first.submit(checkpointed(TestGraphs.oneChain(1)));

        JobManager second = engine();
        second.recoverJobs();
        assertThat(second.job(id).orElseThrow().status()).isEqualTo(JobStatus.CREATED);
        heartbeat(second, A, List.of());

        assertThat(control.sent(DeployTasks.class)).singleElement()
                .satisfies(d -> assertThat(d.restores()).isEmpty());
    }

    @Test
    void endedJobsAreForgottenAndACancellationInProgressEnds() {
        JobManager first = engine();
        heartbeat(first, A, List.of());
        heartbeat(first, B, List.of());
        JobId finished = first.submit(TestGraphs.oneChain(1));
        JobMaster done = first.job(finished).orElseThrow();
        done.tasks().stream().map(TaskExecution::id).toList()
                .forEach(t -> report(first, done, t, TaskState.FINISHED));
        JobId cancelled = first.submit(TestGraphs.oneChain(1));
        first.cancel(cancelled);

        JobManager second = engine();
        second.recoverJobs();

        assertThat(second.job(finished)).isEmpty();
        assertThat(second.job(cancelled).orElseThrow().status()).isEqualTo(JobStatus.CANCELED);
        assertThat(engine().jobs()).isEmpty();
        JobManager third = engine();
        third.recoverJobs();
        assertThat(third.jobs()).isEmpty();
    }

    private JobManager engine() {
        return new JobManager(control, topics, clock, TIMEOUT, new FileJobStore(haDir), JobDefaults.DEFAULTS,
                CheckpointDiscarder.KEEP_ALL);
    }

    private void completeCheckpoint(JobManager jm, JobMaster job, List<TaskId> tasks) {
        control.clear();
        clock.advance(Duration.ofSeconds(1));
        jm.tick(clock.instant());
        long id = control.sent(TriggerCheckpoint.class).get(0).checkpointId();
        for (TaskId task : tasks) {
            jm.onMessage(new AcknowledgeCheckpoint(job.task(task).orElseThrow().worker().orElseThrow(), task,
                    job.attempt(), id, new TaskSnapshot("file:/chk-" + id + "/" + task.subtask(), 100, 10)));
        }
        assertThat(job.checkpointStats().orElseThrow().counts().completed()).isPositive();
    }

    private static List<TaskId> tasksOn(JobMaster job, WorkerId worker) {
        return job.tasks().stream().filter(t -> t.worker().orElseThrow().equals(worker)).map(TaskExecution::id)
                .toList();
    }

    private void heartbeat(JobManager jm, WorkerId worker, List<TaskId> running) {
        jm.onMessage(new Heartbeat(worker, worker.value() + ":8082", 2, running, clock.instant().toEpochMilli()));
    }

    private void report(JobManager jm, JobMaster job, TaskId task, TaskState state) {
        jm.onMessage(new TaskStateChanged(job.task(task).orElseThrow().worker().orElseThrow(), task, job.attempt(),
                state, null, clock.instant().toEpochMilli()));
    }

    private static JobGraph checkpointed(JobGraph graph) {
        return new JobGraph(graph.name(), graph.vertices(), graph.edges(), new JobConfig(
                graph.config().parallelism(), graph.config().maxParallelism(),
                CheckpointingConfig.of(Duration.ofSeconds(1), CheckpointingConfig.Mode.EXACTLY_ONCE)));
    }
}
