package io.sluice.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.checkpoint.SubtaskState;
import io.sluice.runtime.state.KeyedStateSnapshot;
import io.sluice.runtime.state.SnapshotFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint state written as workers write it: task directories whose keyed state is a chain of files. */
class FileCheckpointDiscarderTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final JobId JOB = JobId.random();
    private static final TaskId TASK = new TaskId(JOB, "counts", 0);

    @TempDir
    Path root;

    private final FileCheckpointDiscarder discarder = new FileCheckpointDiscarder();
    private final List<SnapshotFile> chain = new ArrayList<>();

    @Test
    void aSubsumedCheckpointLosesOnlyWhatNoRetainedCheckpointReferences() throws Exception {
        CompletedCheckpoint one = write(1, true);
        CompletedCheckpoint two = write(2, false);
        CompletedCheckpoint three = write(3, false);
        CompletedCheckpoint four = write(4, true);

        discarder.discard(List.of(one), List.of(two));
        assertThat(files()).containsExactlyInAnyOrder(
                "chk-1/counts-0/keyed-state-1.full",
                "chk-2/counts-0/_metadata.json", "chk-2/counts-0/keyed-state-2.incremental",
                "chk-2/counts-0/operator-sink.state",
                "chk-3/counts-0/_metadata.json", "chk-3/counts-0/keyed-state-3.incremental",
                "chk-3/counts-0/operator-sink.state",
                "chk-4/counts-0/_metadata.json", "chk-4/counts-0/keyed-state-4.full",
                "chk-4/counts-0/operator-sink.state");

        discarder.discard(List.of(two), List.of(three));
        assertThat(files()).contains("chk-1/counts-0/keyed-state-1.full", "chk-2/counts-0/keyed-state-2.incremental")
                .doesNotContain("chk-2/counts-0/_metadata.json");

        // A new full snapshot starts a new chain: the whole old one goes, directories included.
        discarder.discard(List.of(three), List.of(four));
        assertThat(files()).containsExactlyInAnyOrder(
                "chk-4/counts-0/_metadata.json", "chk-4/counts-0/keyed-state-4.full",
                "chk-4/counts-0/operator-sink.state");
        try (var dirs = Files.list(root.resolve(JOB.hex()))) {
            assertThat(dirs.map(d -> d.getFileName().toString())).containsExactly("chk-4");
        }
    }

    @Test
    void nothingIsDeletedWhenWhatTheRetainedCheckpointNeedsCannotBeRead() throws Exception {
        CompletedCheckpoint one = write(1, true);
        CompletedCheckpoint two = write(2, false);
        Files.delete(root.resolve(JOB.hex()).resolve("chk-2/counts-0/_metadata.json"));

        discarder.discard(List.of(one), List.of(two));

        assertThat(files()).contains("chk-1/counts-0/_metadata.json", "chk-1/counts-0/keyed-state-1.full");
    }

    @Test
    void locationsOutsideFileStorageAreLeftAlone() {
        CompletedCheckpoint remote = checkpoint(1, "s3://bucket/chk-1/counts-0");

        discarder.discard(List.of(remote), List.of());
    }

    /** A task snapshot of checkpoint n as a worker writes it: a state file, operator state and the metadata. */
    private CompletedCheckpoint write(long n, boolean full) throws Exception {
        Path dir = Files.createDirectories(root.resolve(JOB.hex()).resolve("chk-" + n).resolve("counts-0"));
        Path state = Files.writeString(dir.resolve("keyed-state-" + n + (full ? ".full" : ".incremental")), "s" + n);
        Files.writeString(dir.resolve("operator-sink.state"), "o" + n);
        if (full) {
            chain.clear();
        }
        chain.add(new SnapshotFile(state, n, full, 2, 1, 0));
        new SubtaskState(new KeyedStateSnapshot(n, chain), Map.of(), List.of()).write(dir);
        return checkpoint(n, dir.toUri().toString());
    }

    private static CompletedCheckpoint checkpoint(long n, String location) {
        return new CompletedCheckpoint(JOB, n, T0, T0, CheckpointType.PERIODIC,
                Map.of(TASK, new SubtaskStateHandle(location, 2, 2)));
    }

    private List<String> files() throws Exception {
        Path jobDir = root.resolve(JOB.hex());
        try (var files = Files.walk(jobDir)) {
            return files.filter(Files::isRegularFile).map(p -> jobDir.relativize(p).toString()).toList();
        }
    }
}
