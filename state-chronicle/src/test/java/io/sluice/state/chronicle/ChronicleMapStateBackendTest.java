package io.sluice.state.chronicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.state.ListState;
import io.sluice.api.state.ListStateDescriptor;
import io.sluice.api.state.ValueState;
import io.sluice.runtime.state.KeyGroupRange;
import io.sluice.runtime.state.KeyedStateSettings;
import io.sluice.runtime.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleMapStateBackendTest {

    private static final KeyedStateSettings SETTINGS = KeyedStateSettings.defaults(128);

    @TempDir
    Path directory;

    @Test
    void eachOperatorSubtaskHasOneMapFileThatCloseKeepsAndDisposeDeletes() throws IOException {
        ChronicleMapStateBackend first = open(ChronicleMapOptions.defaults(directory, "counts", 0));
        ChronicleMapStateBackend second = open(ChronicleMapOptions.defaults(directory, "counts", 1));
        assertThat(files()).containsExactlyInAnyOrder("counts-0.0.cmap", "counts-1.0.cmap");
        first.close();
        assertThat(files()).contains("counts-0.0.cmap");
        first.dispose();
        second.dispose();
        assertThat(files()).isEmpty();
    }

    @Test
    void openingDeletesTheFilesAnEarlierRunOfTheSameSubtaskLeft() throws IOException {
        Files.writeString(directory.resolve("counts-0.3.cmap"), "stale");
        Files.writeString(directory.resolve("counts-0-1.0.cmap"), "operator counts-0, subtask 1");
        Files.writeString(directory.resolve("counts-01.0.cmap"), "subtask 01 is not subtask 0");
        ChronicleMapStateBackend backend = open(ChronicleMapOptions.defaults(directory, "counts", 0));
        assertThat(files()).containsExactlyInAnyOrder("counts-0.0.cmap", "counts-0-1.0.cmap", "counts-01.0.cmap");
        backend.dispose();
    }

    @Test
    void theMapGrowsPastItsExpectedEntries() throws IOException {
        ChronicleMapStateBackend backend = open(ChronicleMapOptions.defaults(directory, "op", 0).withSizing(100, 8, 8));
        ValueState<String> value = backend.valueState("v", String.class);
        for (int i = 0; i < 50_000; i++) {
            backend.setCurrentKey(i);
            value.update("value " + i);
        }
        assertThat(backend.mapGeneration()).isPositive();
        assertThat(files()).containsExactly(backend.mapFile().getFileName().toString());
        for (int i = 0; i < 50_000; i++) {
            backend.setCurrentKey(i);
            assertThat(value.value()).isEqualTo("value " + i);
        }
        backend.dispose();
    }

    @Test
    void aValueLargerThanTheSizingAllowsStillFitsAndSnapshots() throws IOException {
        ChronicleMapStateBackend backend = open(ChronicleMapOptions.defaults(directory, "op", 0).withSizing(1_000, 16, 16));
        ListState<String> list = backend.listState(new ListStateDescriptor<>("events", String.class));
        backend.setCurrentKey("busy");
        String element = "x".repeat(1_000);
        for (int i = 0; i < 2_000; i++) {
            list.add(element + i);
        }
        assertThat(backend.mapGeneration()).isPositive();
        assertThat(list.get()).hasSize(2_000).endsWith(element + 1999);

        ChronicleMapStateBackend restored = open(ChronicleMapOptions.defaults(directory, "op", 1).withSizing(1_000, 16, 16));
        restored.restore(List.of(backend.snapshot(1, directory.resolve("snapshots"))), KeyGroupRange.all(128));
        restored.setCurrentKey("busy");
        assertThat(restored.listState(new ListStateDescriptor<>("events", String.class)).get()).hasSize(2_000);
        backend.dispose();
        restored.dispose();
    }

    @Test
    void optionsRejectFileNamesThatAreNotOperatorIds() {
        assertThatThrownBy(() -> ChronicleMapOptions.defaults(directory, "../escape", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ChronicleMapStateBackend open(ChronicleMapOptions options) throws IOException {
        return new ChronicleMapStateBackend(options, SETTINGS, getClass().getClassLoader(), new ManualClock());
    }

    private List<String> files() throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(Files::isRegularFile).map(path -> path.getFileName().toString()).toList();
        }
    }
}
