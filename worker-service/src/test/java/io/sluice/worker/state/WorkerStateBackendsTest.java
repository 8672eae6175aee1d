package io.sluice.worker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.state.ValueState;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.state.InMemoryKeyedStateBackend;
import io.sluice.runtime.state.KeyGroupRange;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedStateSettings;
import io.sluice.runtime.state.KeyedStateSnapshot;
import io.sluice.runtime.testing.ManualClock;
import io.sluice.state.chronicle.ChronicleMapStateBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs with the Chronicle flags (surefire's argLine), as worker JVMs do. */
class WorkerStateBackendsTest {

    private static final JobId JOB = new JobId("0123456789abcdef0123456789abcdef");
    private static final TaskId TASK = new TaskId(JOB, "counts", 1);
    private static final KeyedStateSettings SETTINGS = KeyedStateSettings.defaults(128);
    private static final int KEYS = 1_000;

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock();

    @Test
    void chronicle_state_lives_in_a_map_file_under_the_data_dir_until_the_task_ends() throws Exception {
        WorkerStateBackends backends = new WorkerStateBackends(StateBackendKind.CHRONICLE, dataDir, 100);
        WorkerStateBackends.TaskBackends task = backends.forTask(2);

        KeyedStateBackend backend = task.create(TASK, SETTINGS, loader(), clock);
        writeCounts(backend);

        assertThat(backend).isInstanceOf(ChronicleMapStateBackend.class);
        Path attemptDir = dataDir.resolve(JOB.hex()).resolve("2");
        Path mapFile = ((ChronicleMapStateBackend) backend).mapFile();
        assertThat(mapFile.getParent()).isEqualTo(attemptDir);
        assertThat(mapFile.getFileName().toString()).startsWith("counts-1.");
        assertThat(mapFilesIn(attemptDir)).containsExactly(mapFile);
        // Sized for 100 entries, the map grew to hold 1000: the entries are in the file.
        assertThat(((ChronicleMapStateBackend) backend).mapGeneration()).isPositive();

        task.dispose();

        assertThat(mapFilesIn(attemptDir)).isEmpty();
    }

    @Test
    void a_snapshot_restores_into_the_next_attempts_backend() throws Exception {
        WorkerStateBackends backends = new WorkerStateBackends(StateBackendKind.CHRONICLE, dataDir, 10_000);
        WorkerStateBackends.TaskBackends first = backends.forTask(0);
        KeyedStateBackend before = first.create(TASK, SETTINGS, loader(), clock);
        writeCounts(before);
        Path snapshotDir = Files.createDirectories(dataDir.resolve("checkpoints").resolve("chk-1"));
        KeyedStateSnapshot snapshot = before.snapshot(1, snapshotDir);
        first.dispose();

        WorkerStateBackends.TaskBackends second = backends.forTask(1);
        KeyedStateBackend after = second.create(TASK, SETTINGS, loader(), clock);
        after.restore(List.of(snapshot), KeyGroupRange.all(128));

        assertThat(after).isInstanceOf(ChronicleMapStateBackend.class);
        ValueState<Long> count = after.valueState("count", Long.class);
        for (long key = 0; key < KEYS; key++) {
            after.setCurrentKey(key);
            assertThat(count.value()).as("count of key %d", key).isEqualTo(key * 3);
        }
        assertThat(after.keys("count")).hasSize(KEYS);
        second.dispose();
    }

    @Test
    void a_data_dir_that_cannot_hold_map_files_fails_the_task_with_a_clear_cause() throws Exception {
        Path notADirectory = Files.writeString(dataDir.resolve("occupied"), "a file where the data dir should be");
        WorkerStateBackends backends = new WorkerStateBackends(StateBackendKind.CHRONICLE, notADirectory, 100);

        assertThatThrownBy(() -> backends.forTask(1).create(TASK, SETTINGS, loader(), clock))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot create keyed state files in " + notADirectory.resolve(JOB.hex()).resolve("1"))
                .hasMessageContaining(notADirectory + " is not a directory");
    }

    @Test
    void the_cause_names_a_full_disk() {
        String message = WorkerStateBackends.storageFailure(dataDir, new IOException("No space left on device"));
        assertThat(message)
                .startsWith("cannot create keyed state files in " + dataDir + " (")
                .containsPattern("\\d+ MiB free on its disk")
                .endsWith("java.io.IOException: No space left on device");
    }

    @Test
    void heap_is_an_option() throws Exception {
        WorkerStateBackends backends = new WorkerStateBackends(StateBackendKind.HEAP, dataDir, 100);
        WorkerStateBackends.TaskBackends task = backends.forTask(0);

        KeyedStateBackend backend = task.create(TASK, SETTINGS, loader(), clock);
        writeCounts(backend);

        assertThat(backend).isInstanceOf(InMemoryKeyedStateBackend.class);
        assertThat(dataDir).isEmptyDirectory();
        task.dispose();
    }

    @Test
    void warm_up_creates_a_map_in_the_data_dir_and_leaves_nothing_behind() throws Exception {
        Path workerDir = dataDir.resolve("worker");

        new WorkerStateBackends(StateBackendKind.CHRONICLE, workerDir, 100).warmUp();

        assertThat(workerDir).isEmptyDirectory();
    }

    /** Key k counts 3k. */
    private static void writeCounts(KeyedStateBackend backend) throws Exception {
        ValueState<Long> count = backend.valueState("count", Long.class);
        for (long key = 0; key < KEYS; key++) {
            backend.setCurrentKey(key);
            count.update(key * 3);
        }
    }

    private static List<Path> mapFilesIn(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cmap")).toList();
        }
    }

    private static ClassLoader loader() {
        return WorkerStateBackendsTest.class.getClassLoader();
    }
}
