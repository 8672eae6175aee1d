package io.sluice.engine.ha;

import io.sluice.engine.checkpoint.InMemoryCheckpointIdCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.checkpoint.CheckpointIdCounter;
import io.sluice.engine.checkpoint.CheckpointType;
import io.sluice.engine.checkpoint.CompletedCheckpoint;
import io.sluice.engine.checkpoint.CompletedCheckpointStore;
import io.sluice.engine.checkpoint.SubtaskStateHandle;
import io.sluice.engine.job.JobException;
import io.sluice.engine.job.JobRecord;
import io.sluice.engine.job.JobStatus;
import io.sluice.engine.testing.TestGraphs;
import io.sluice.graph.CheckpointingConfig;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.RestartStrategyConfig;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import io.sluice.runtime.plan.JobPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything a store writes is read back by a new store on the same directory, as after an engine restart. */
class FileJobStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aJobRecordSurvivesAsWritten() {
        JobId id = JobId.random();
        JobGraph graph = TestGraphs.twoStage(2);
        graph = new JobGraph(graph.name(), graph.vertices(), graph.edges(), new JobConfig(2, 128,
                CheckpointingConfig.of(Duration.ofSeconds(1), CheckpointingConfig.Mode.EXACTLY_ONCE),
                RestartStrategyConfig.ExponentialDelay.DEFAULTS));
        JobRecord record = new JobRecord(JobPlanner.plan(id, graph), JobStatus.RESTARTING, 3, true,
                2, T0, "boom", List.of(
                        new JobException(T0, "Task failed: boom", Optional.of(new TaskId(id, "gen", 1)),
                                Optional.of(new WorkerId("w-1"))),
                        new JobException(T0.plusSeconds(5), "Worker lost", Optional.empty(), Optional.empty())));
        new FileJobStore(dir).put(record);

        assertThat(new FileJobStore(dir).jobs()).containsExactly(record);
    }

    @Test
    void aRemovedJobTakesItsCheckpointMetadataAlong() {
        JobId id = JobId.random();
        FileJobStore store = new FileJobStore(dir);
        store.put(new JobRecord(JobPlanner.plan(id, TestGraphs.oneChain(1)), JobStatus.RUNNING, 0, true, 0, T0, null,
                List.of()));
        store.checkpoints(id).add(checkpoint(id, 1), 1);
        store.checkpointIds(id, InMemoryCheckpointIdCounter.FIRST_ID).getAndIncrement();

        store.remove(id);

        assertThat(dir.resolve(id.hex())).doesNotExist();
        FileJobStore reopened = new FileJobStore(dir);
        assertThat(reopened.jobs()).isEmpty();
        assertThat(reopened.checkpoints(id).all()).isEmpty();
        assertThat(reopened.checkpointIds(id, InMemoryCheckpointIdCounter.FIRST_ID).getAndIncrement()).isEqualTo(1);
    }

    @Test
    void completedCheckpointsAreReadBackRetainedOnlyAndInOrder() {
        JobId id = JobId.random();
        CompletedCheckpointStore store = new FileJobStore(dir).checkpoints(id);
        store.add(checkpoint(id, 1), 2);
        store.add(savepoint(id, 2), 2);
        store.add(checkpoint(id, 3), 2);
        List<CompletedCheckpoint> subsumed = store.add(checkpoint(id, 4), 2);

        assertThat(subsumed).extracting(CompletedCheckpoint::checkpointId).containsExactly(1L);
        CompletedCheckpointStore reopened = new FileJobStore(dir).checkpoints(id);
        assertThat(reopened.all()).containsExactly(savepoint(id, 2), checkpoint(id, 3), checkpoint(id, 4));
        assertThat(reopened.latest()).contains(checkpoint(id, 4));
    }

    @Test
    void aRefusedCheckpointIsNotWritten() {
        JobId id = JobId.random();
        CompletedCheckpointStore store = new FileJobStore(dir).checkpoints(id);
        store.add(checkpoint(id, 5), 1);

        assertThatThrownBy(() -> store.add(checkpoint(id, 4), 1)).isInstanceOf(IllegalArgumentException.class);

        assertThat(new FileJobStore(dir).checkpoints(id).all()).containsExactly(checkpoint(id, 5));
    }

    @Test
    void theIdCounterNeverGivesAnIdTwiceAcrossRestarts() {
        JobId id = JobId.random();
        CheckpointIdCounter counter = new FileJobStore(dir).checkpointIds(id, InMemoryCheckpointIdCounter.FIRST_ID);
        assertThat(counter.getAndIncrement()).isEqualTo(1);
        assertThat(counter.getAndIncrement()).isEqualTo(2);

        assertThat(new FileJobStore(dir).checkpointIds(id, InMemoryCheckpointIdCounter.FIRST_ID).getAndIncrement()).isEqualTo(3);
    }

    @Test
    void noTemporaryFileIsLeftBehind() throws Exception {
        JobId id = JobId.random();
        FileJobStore store = new FileJobStore(dir);
        store.checkpoints(id).add(checkpoint(id, 1), 1);
        store.checkpointIds(id, InMemoryCheckpointIdCounter.FIRST_ID).getAndIncrement();

        try (var files = Files.list(dir.resolve(id.hex()))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("checkpoints.json", "checkpoint-id");
        }
    }

    private static CompletedCheckpoint checkpoint(JobId id, long n) {
        return new CompletedCheckpoint(id, n, T0.plusSeconds(n), T0.plusSeconds(n).plusMillis(300),
                CheckpointType.PERIODIC, states(id, n));
    }

    private static CompletedCheckpoint savepoint(JobId id, long n) {
        return new CompletedCheckpoint(id, n, T0.plusSeconds(n), T0.plusSeconds(n).plusMillis(300),
                new CheckpointType.Savepoint("/savepoints"), states(id, n));
    }

    private static Map<TaskId, SubtaskStateHandle> states(JobId id, long n) {
        return Map.of(new TaskId(id, "gen", 0), new SubtaskStateHandle("file:/chk-" + n + "/gen-0", 100, 10));
    }
}
