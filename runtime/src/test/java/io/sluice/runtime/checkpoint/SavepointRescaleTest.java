package io.sluice.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.state.ValueState;
import io.sluice.runtime.state.InMemoryKeyedStateBackend;
import io.sluice.runtime.state.KeyGroupRange;
import io.sluice.runtime.state.KeyGroups;
import io.sluice.runtime.state.KeyedStateSettings;
import io.sluice.runtime.state.KeyedStateSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Savepoints written by keyed state backends and read back at another parallelism, as {@link StateAssignment}
 * assigns them: every key's state on exactly one new subtask with its value; savepoints self-contained (no file of a
 * checkpoint) and relocatable; operator state dealt to exactly one new subtask each.
 */
class SavepointRescaleTest {

    private static final int MAX_PARALLELISM = 128;
    private static final int KEYS = 500;

    @TempDir
    Path dir;

    private static InMemoryKeyedStateBackend backend() {
        return new InMemoryKeyedStateBackend(KeyedStateSettings.defaults(MAX_PARALLELISM),
                SavepointRescaleTest.class.getClassLoader(), Clock.systemUTC());
    }

    /** The value the test gives key k: independent of the code under test. */
    private static long expected(int key) {
        return key * 31L + 7;
    }

    @ParameterizedTest(name = "{0} -> {1} subtasks")
    @CsvSource({"2, 3", "3, 1", "1, 4", "4, 4"})
    void everyKeysStateIsOnExactlyOneSubtaskAfterRescaling(int oldParallelism, int newParallelism) throws Exception {
        Path savepoint = dir.resolve("savepoint");
        for (int subtask = 0; subtask < oldParallelism; subtask++) {
            try (InMemoryKeyedStateBackend old = backend()) {
                ValueState<Long> value = old.valueState("value", Long.class);
                for (int key = 0; key < KEYS; key++) {
                    if (KeyGroups.subtaskForKey("key-" + key, MAX_PARALLELISM, oldParallelism) == subtask) {
                        old.setCurrentKey("key-" + key);
                        value.update(-1L); // overwritten after the checkpoint: the savepoint must have the new value
                    }
                }
                old.snapshot(1, dir.resolve("chk-1").resolve("op-" + subtask));
                for (int key = 0; key < KEYS; key++) {
                    if (KeyGroups.subtaskForKey("key-" + key, MAX_PARALLELISM, oldParallelism) == subtask) {
                        old.setCurrentKey("key-" + key);
                        value.update(expected(key));
                    }
                }
                Path directory = savepoint.resolve("op-" + subtask);
                KeyedStateSnapshot written = old.savepoint(2, directory);
                assertThat(written.files()).hasSize(1).allMatch(f -> f.full() && f.path().startsWith(directory));
                new SubtaskState(written, Map.of(), List.of(), true).write(directory);
            }
        }
        // Self-contained and relocatable: the checkpoint is gone and the savepoint moved.
        deleteRecursively(dir.resolve("chk-1"));
        Path moved = Files.move(savepoint, dir.resolve("moved"));

        Map<String, Integer> owners = new HashMap<>();
        for (int subtask = 0; subtask < newParallelism; subtask++) {
            KeyGroupRange range = KeyGroupRange.computeRange(MAX_PARALLELISM, newParallelism, subtask);
            List<KeyedStateSnapshot> snapshots = new ArrayList<>();
            for (int old : StateAssignment.keyedStateOf(range, MAX_PARALLELISM, oldParallelism)) {
                snapshots.add(SubtaskState.read(moved.resolve("op-" + old).toUri().toString()).keyedState());
            }
            try (InMemoryKeyedStateBackend restored = backend()) {
                restored.restore(snapshots, range);
                ValueState<Long> value = restored.valueState("value", Long.class);
                for (Object key : restored.keys("value")) {
                    assertThat(owners.put((String) key, subtask)).as("%s restored twice", key).isNull();
                    restored.setCurrentKey(key);
                    assertThat(value.value()).as("value of %s", key)
                            .isEqualTo(expected(Integer.parseInt(((String) key).substring(4))));
                }
            }
        }
        assertThat(owners).hasSize(KEYS);
    }

    @Test
    void aSavepointLeavesTheIncrementalChainOfCheckpointsAlone() throws Exception {
        try (InMemoryKeyedStateBackend backend = backend()) {
            ValueState<String> value = backend.valueState("value", String.class);
            backend.setCurrentKey("a");
            value.update("a1");
            backend.snapshot(1, dir.resolve("chk-1"));
            backend.setCurrentKey("b");
            value.update("b1");
            backend.savepoint(2, dir.resolve("sp-2"));
            backend.setCurrentKey("c");
            value.update("c1");
            KeyedStateSnapshot third = backend.snapshot(3, dir.resolve("chk-3"));

            // Checkpoint 3 goes on from checkpoint 1 and holds everything changed since, b included.
            assertThat(third.files()).extracting(f -> f.checkpointId()).containsExactly(1L, 3L);
            deleteRecursively(dir.resolve("sp-2"));
            try (InMemoryKeyedStateBackend restored = backend()) {
                restored.restore(List.of(third), KeyGroupRange.all(MAX_PARALLELISM));
                assertThat(restored.keys("value")).containsExactlyInAnyOrder("a", "b", "c");
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1} subtasks")
    @CsvSource({"2, 3", "3, 1", "3, 2", "5, 5", "1, 3"})
    void operatorStateGoesToExactlyOneNewSubtaskRoundRobin(int oldParallelism, int newParallelism) {
        Map<Integer, Integer> assignedTo = new HashMap<>();
        for (int subtask = 0; subtask < newParallelism; subtask++) {
            for (int old : StateAssignment.operatorStateOf(subtask, newParallelism, oldParallelism)) {
                assertThat(assignedTo.put(old, subtask)).as("state of old subtask %d assigned twice", old).isNull();
            }
        }
        assertThat(assignedTo).hasSize(oldParallelism);
        assignedTo.forEach((old, now) -> assertThat(now).isEqualTo(old % newParallelism));
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
