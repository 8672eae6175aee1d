package io.sluice.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.runtime.state.StateSnapshotFormat.Entry;
import io.sluice.runtime.state.StateSnapshotFormat.StateName;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateSnapshotFormatTest {

    private static final List<StateName> STATES =
            List.of(new StateName(0, "count", StateKind.VALUE), new StateName(1, "events", StateKind.LIST));

    @TempDir
    Path directory;

    @Test
    void entriesOfTheRequestedKeyGroupsRoundTripInWriteOrderPerKeyGroup() throws IOException {
        Path file = directory.resolve("snapshot");
        List<Entry> written = new ArrayList<>();
        Random random = new Random(7);
        try (StateSnapshotFormat.Writer writer = new StateSnapshotFormat.Writer(file, 9, false, 16, STATES)) {
            // Large enough that key groups span several sections (64 KiB each) and all buffers flush (4 MiB).
            for (int i = 0; i < 60_000; i++) {
                int keyGroup = random.nextInt(16);
                int state = i % 2;
                byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
                byte[] namespace = i % 3 == 0 ? new byte[0] : new byte[] {(byte) i};
                if (i % 10 == 0) {
                    writer.tombstone(keyGroup, state, key, namespace);
                    written.add(new Entry(keyGroup, STATES.get(state).name(), STATES.get(state).kind(), key, namespace, null));
                } else {
                    byte[] value = new byte[random.nextInt(200)];
                    random.nextBytes(value);
                    writer.put(keyGroup, state, key, namespace, value);
                    written.add(new Entry(keyGroup, STATES.get(state).name(), STATES.get(state).kind(), key, namespace, value));
                }
            }
            SnapshotFile summary = writer.finish();
            assertThat(summary.entries()).isEqualTo(54_000);
            assertThat(summary.tombstones()).isEqualTo(6_000);
            assertThat(summary.sizeBytes()).isEqualTo(Files.size(file)).isGreaterThan(4 * 1024 * 1024);
        }
        assertThat(directory.toFile().list()).containsExactly("snapshot");

        KeyGroupRange range = new KeyGroupRange(3, 9);
        List<Entry> read = new ArrayList<>();
        StateSnapshotFormat.Summary summary = StateSnapshotFormat.read(file, 16, range, read::add);
        assertThat(summary).isEqualTo(new StateSnapshotFormat.Summary(9, false, 54_000, 6_000));

        List<Entry> expected = written.stream().filter(entry -> range.contains(entry.keyGroup())).toList();
        assertThat(read).hasSize(expected.size());
        for (int keyGroup = range.first(); keyGroup <= range.last(); keyGroup++) {
            int group = keyGroup;
            List<String> expectedGroup = expected.stream().filter(e -> e.keyGroup() == group).map(StateSnapshotFormatTest::text).toList();
            List<String> readGroup = read.stream().filter(e -> e.keyGroup() == group).map(StateSnapshotFormatTest::text).toList();
            assertThat(readGroup).containsExactlyElementsOf(expectedGroup);
        }
    }

    @Test
    void corruptionTruncationAndOtherMaxParallelismAreDetected() throws IOException {
        Path file = directory.resolve("snapshot");
        try (StateSnapshotFormat.Writer writer = new StateSnapshotFormat.Writer(file, 1, true, 16, STATES)) {
            for (int i = 0; i < 100; i++) {
                writer.put(i % 16, 0, new byte[] {(byte) i}, new byte[0], new byte[] {1, 2, 3});
            }
            writer.finish();
        }
        KeyGroupRange all = KeyGroupRange.all(16);
        assertThatThrownBy(() -> StateSnapshotFormat.read(file, 32, all, entry -> {}))
                .isInstanceOf(IOException.class).hasMessageContaining("max parallelism 16");

        Path truncated = directory.resolve("truncated");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        assertThatThrownBy(() -> StateSnapshotFormat.read(truncated, 16, all, entry -> {}))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");

        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            long position = bytes.length - 40;
            raw.seek(position);
            int b = raw.read();
            raw.seek(position);
            raw.write(b ^ 0xFF);
        }
        assertThatThrownBy(() -> StateSnapshotFormat.read(file, 16, all, entry -> {}))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt");
    }

    @Test
    void aFullSnapshotHasNoTombstonesAndAnUnfinishedFileIsDiscarded() throws IOException {
        Path file = directory.resolve("snapshot");
        try (StateSnapshotFormat.Writer writer = new StateSnapshotFormat.Writer(file, 1, true, 16, STATES)) {
            writer.put(0, 0, new byte[] {1}, new byte[0], new byte[] {1});
            assertThatThrownBy(() -> writer.tombstone(0, 0, new byte[] {1}, new byte[0]))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(directory.toFile().list()).isEmpty();
    }

    private static String text(Entry entry) {
        return entry.stateName() + "/" + entry.stateKind() + "/" + new String(entry.key(), StandardCharsets.UTF_8) + "/"
                + java.util.Arrays.toString(entry.namespace()) + "/"
                + (entry.value() == null ? "tombstone" : java.util.Arrays.toString(entry.value()));
    }
}
