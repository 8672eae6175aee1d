package io.sluice.engine.checkpoint;

import static io.sluice.engine.checkpoint.CheckpointFixtures.completed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryCompletedCheckpointStoreTest {

    private static final CheckpointType SAVEPOINT = new CheckpointType.Savepoint("file:///savepoints");

    private final InMemoryCompletedCheckpointStore store = new InMemoryCompletedCheckpointStore();

    @Test
    void keepsTheLastNCheckpointsAndReportsTheSubsumedOnes() {
        assertThat(store.add(completed(1, CheckpointType.PERIODIC), 2)).isEmpty();
        assertThat(store.add(completed(2, CheckpointType.PERIODIC), 2)).isEmpty();

        assertThat(store.add(completed(3, CheckpointType.PERIODIC), 2))
                .extracting(CompletedCheckpoint::checkpointId).containsExactly(1L);
        assertThat(store.add(completed(4, CheckpointType.PERIODIC), 2))
                .extracting(CompletedCheckpoint::checkpointId).containsExactly(2L);
        assertThat(store.all()).extracting(CompletedCheckpoint::checkpointId).containsExactly(3L, 4L);
        assertThat(store.latest()).map(CompletedCheckpoint::checkpointId).contains(4L);
    }

    @Test
    void savepointsAreNeverSubsumedNorCountedAgainstTheRetainedCheckpoints() {
        store.add(completed(1, SAVEPOINT), 1);
        store.add(completed(2, CheckpointType.PERIODIC), 1);
        store.add(completed(3, SAVEPOINT), 1);

        assertThat(store.add(completed(4, CheckpointType.PERIODIC), 1))
                .extracting(CompletedCheckpoint::checkpointId).containsExactly(2L);
        assertThat(store.add(completed(5, CheckpointType.PERIODIC), 1))
                .extracting(CompletedCheckpoint::checkpointId).containsExactly(4L);
        assertThat(store.all()).extracting(CompletedCheckpoint::checkpointId).containsExactly(1L, 3L, 5L);
    }

    @Test
    void aLowerRetentionSubsumesSeveralAtOnceOldestFirst() {
        for (long id = 1; id <= 4; id++) {
            store.add(completed(id, CheckpointType.PERIODIC), 5);
        }

        assertThat(store.add(completed(5, CheckpointType.PERIODIC), 2))
                .extracting(CompletedCheckpoint::checkpointId).containsExactly(1L, 2L, 3L);
    }

    @Test
    void latestIsTheNewestEvenIfASavepoint() {
        assertThat(store.latest()).isEmpty();
        store.add(completed(1, CheckpointType.PERIODIC), 3);
        store.add(completed(2, SAVEPOINT), 3);

        assertThat(store.latest()).map(CompletedCheckpoint::checkpointId).contains(2L);
    }

    @Test
    void refusesCheckpointsThatAreNotNewerOrOfAnotherJob() {
        store.add(completed(2, CheckpointType.PERIODIC), 3);

        assertThatThrownBy(() -> store.add(completed(2, CheckpointType.PERIODIC), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not newer");
        assertThatThrownBy(() -> store.add(completed(1, CheckpointType.PERIODIC), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not newer");
        JobId other = JobId.random();
        CompletedCheckpoint foreign = new CompletedCheckpoint(other, 3, CheckpointFixtures.T0,
                CheckpointFixtures.T0, CheckpointType.PERIODIC,
                Map.of(new TaskId(other, "sink", 0), new SubtaskStateHandle("file:///x", 1, 1)));
        assertThatThrownBy(() -> store.add(foreign, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("store of job");
        assertThat(store.all()).extracting(CompletedCheckpoint::checkpointId).containsExactly(2L);
    }
}
