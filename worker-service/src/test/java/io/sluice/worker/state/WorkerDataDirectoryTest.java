package io.sluice.worker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.protocol.WorkerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerDataDirectoryTest {

    @TempDir
    Path dataDir;

    @Test
    void a_worker_keeps_its_files_in_its_own_locked_directory_and_deletes_it_when_it_stops() throws Exception {
        Path file;
        try (WorkerDataDirectory directory = WorkerDataDirectory.open(dataDir, new WorkerId("worker-a"))) {
            assertThat(directory.path()).isEqualTo(dataDir.resolve("worker-a"));
            file = Files.writeString(Files.createDirectories(directory.path().resolve("job/0")).resolve("x.cmap"), "x");
            assertThat(file).exists();
        }
        assertThat(dataDir.resolve("worker-a")).doesNotExist();
    }

    @Test
    void files_of_dead_workers_and_of_an_earlier_process_with_the_same_id_are_deleted_at_start() throws Exception {
        // What SIGKILLed workers leave: a directory with a lock file nobody holds, and map files.
        Path dead = mapFileOfKilledWorker("worker-dead");
        Path sameIdLeftover = mapFileOfKilledWorker("worker-a");

        try (WorkerDataDirectory directory = WorkerDataDirectory.open(dataDir, new WorkerId("worker-a"))) {
            assertThat(dead).doesNotExist();
            assertThat(dataDir.resolve("worker-dead")).doesNotExist();
            assertThat(sameIdLeftover).doesNotExist();
            assertThat(directory.path()).isDirectory();
        }
    }

    @Test
    void a_live_workers_directory_and_foreign_directories_are_left_alone() throws Exception {
        Path foreign = Files.writeString(Files.createDirectories(dataDir.resolve("not-a-worker")).resolve("keep"), "k");
        try (WorkerDataDirectory live = WorkerDataDirectory.open(dataDir, new WorkerId("worker-live"))) {
            Path liveFile = Files.writeString(live.path().resolve("state.cmap"), "s");

            try (WorkerDataDirectory other = WorkerDataDirectory.open(dataDir, new WorkerId("worker-b"))) {
                assertThat(liveFile).exists();
                assertThat(foreign).exists();
            }
            assertThatThrownBy(() -> WorkerDataDirectory.open(dataDir, new WorkerId("worker-live")))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use by another live worker");
            assertThat(liveFile).exists();
        }
    }

    @Test
    void a_worker_id_that_is_no_file_name_is_refused() {
        for (String id : new String[] {"..", "a/b", "../etc"}) {
            assertThatThrownBy(() -> WorkerDataDirectory.open(dataDir, new WorkerId(id)))
                    .as(id).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sluice.worker.id");
        }
    }

    private Path mapFileOfKilledWorker(String id) throws IOException {
        Path directory = Files.createDirectories(dataDir.resolve(id));
        Files.writeString(directory.resolve(WorkerDataDirectory.LOCK_FILE), "");
        return Files.writeString(Files.createDirectories(directory.resolve("job/0")).resolve("counts-0.0.cmap"), "m");
    }
}
