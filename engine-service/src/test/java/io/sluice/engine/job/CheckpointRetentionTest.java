package io.sluice.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.checkpoint.CheckpointDiscarder;
import io.sluice.engine.checkpoint.CompletedCheckpoint;
import io.sluice.engine.testing.ManualClock;
import io.sluice.engine.testing.RecordingControlChannel;
import io.sluice.engine.testing.RecordingTopicAdmin;
import io.sluice.engine.testing.TestGraphs;
import io.sluice.graph.CheckpointingConfig;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.RestartStrategyConfig;
import io.sluice.protocol.ControlMessage.AcknowledgeCheckpoint;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.ControlMessage.TriggerCheckpoint;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskSnapshot;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.WorkerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job manager keeps the configured number of checkpoints and hands the rest to the discarder. */
class CheckpointRetentionTest {

    private static final WorkerId A = new WorkerId("worker-a");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingControlChannel control = new RecordingControlChannel();
    private final List<List<Long>> discarded = new ArrayList<>();
    private final List<List<Long>> retained = new ArrayList<>();
    private final CheckpointDiscarder recording = (gone, kept) -> {
        discarded.add(gone.stream().map(CompletedCheckpoint::checkpointId).toList());
        retained.add(kept.stream().map(CompletedCheckpoint::checkpointId).toList());
    };

    @Test
    void checkpointsBeyondTheRetainedNumberAreDiscardedAsNewOnesComplete() {
        JobManager jobManager = jobManager(2);
        JobId id = runningJob(jobManager);

        for (int i = 0; i < 4; i++) {
            completeCheckpoint(jobManager, id);
        }

        assertThat(discarded).containsExactly(List.of(), List.of(), List.of(1L), List.of(2L));
        assertThat(retained).last().isEqualTo(List.of(3L, 4L));
    }

    @Test
    void aFinishedJobDiscardsAllItsCheckpointsAFailedOneKeepsThem() {
        JobManager jobManager = jobManager(1);
        JobId finished = runningJob(jobManager);
        completeCheckpoint(jobManager, finished);
        discarded.clear();
        tasks(jobManager, finished).forEach(t -> report(jobManager, finished, t, TaskState.FINISHED));
        assertThat(discarded).containsExactly(List.of(1L));

        JobId failed = runningJob(jobManager);
        completeCheckpoint(jobManager, failed);
        discarded.clear();
        report(jobManager, failed, tasks(jobManager, failed).get(0), TaskState.FAILED);
        assertThat(jobManager.job(failed).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        assertThat(discarded).isEmpty();
    }

    private JobManager jobManager(int retainedCheckpoints) {
        JobManager jobManager = new JobManager(control, new RecordingTopicAdmin(), clock, Duration.ofSeconds(10),
                new InMemoryJobStore(), new JobDefaults(retainedCheckpoints, RestartStrategyConfig.NONE), recording);
        jobManager.onMessage(new Heartbeat(A, "a:8082", 4, List.of(), clock.instant().toEpochMilli()));
        return jobManager;
    }

    private JobId runningJob(JobManager jobManager) {
        JobGraph graph = TestGraphs.oneChain(1);
        JobId id = jobManager.submit(new JobGraph(graph.name(), graph.vertices(), graph.edges(), new JobConfig(1, 128,
                CheckpointingConfig.of(Duration.ofSeconds(1), CheckpointingConfig.Mode.EXACTLY_ONCE))));
        tasks(jobManager, id).forEach(t -> report(jobManager, id, t, TaskState.RUNNING));
        return id;
    }

    private void completeCheckpoint(JobManager jobManager, JobId id) {
        control.clear();
        clock.advance(Duration.ofSeconds(1));
        jobManager.tick(clock.instant());
        long checkpoint = control.sent(TriggerCheckpoint.class).get(0).checkpointId();
        int attempt = jobManager.job(id).orElseThrow().attempt();
        for (TaskId task : tasks(jobManager, id)) {
            jobManager.onMessage(new AcknowledgeCheckpoint(A, task, attempt, checkpoint,
                    new TaskSnapshot("file:/chk-" + checkpoint, 1, 1)));
        }
    }

    private static List<TaskId> tasks(JobManager jobManager, JobId id) {
        return jobManager.job(id).orElseThrow().tasks().stream().map(TaskExecution::id).toList();
    }

    private void report(JobManager jobManager, JobId id, TaskId task, TaskState state) {
        jobManager.onMessage(new TaskStateChanged(A, task, jobManager.job(id).orElseThrow().attempt(), state,
                state == TaskState.FAILED ? "boom" : null, clock.instant().toEpochMilli()));
    }
}
