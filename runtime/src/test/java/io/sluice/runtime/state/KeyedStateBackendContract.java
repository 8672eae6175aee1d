package io.sluice.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.function.AggregateFunction;
import io.sluice.api.state.AggregatingState;
import io.sluice.api.state.AggregatingStateDescriptor;
import io.sluice.api.state.ListState;
import io.sluice.api.state.ListStateDescriptor;
import io.sluice.api.state.MapState;
import io.sluice.api.state.MapStateDescriptor;
import io.sluice.api.state.ReducingState;
import io.sluice.api.state.ReducingStateDescriptor;
import io.sluice.api.state.StateTtlConfig;
import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import io.sluice.runtime.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link KeyedStateBackend} must do, run once per backend (and per pair of backends for snapshots taken
 * by one and restored into another). A module with a backend extends it and lists its backends in
 * {@link #backends()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KeyedStateBackendContract {

    /** Creates a backend whose files (if any) go under {@code workDirectory}. */
    @FunctionalInterface
    public interface Factory {
        KeyedStateBackend create(KeyedStateSettings settings, Clock clock, Path workDirectory) throws IOException;
    }

    /** A named backend factory; the name shows in test reports. */
    public record Backend(String name, Factory factory) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final int MAX_PARALLELISM = 128;
    private static final KeyedStateSettings SETTINGS = KeyedStateSettings.defaults(MAX_PARALLELISM);

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock();
    private final List<KeyedStateBackend> opened = new ArrayList<>();
    private Path testDirectory;

    /** The backends under test. */
    protected abstract List<Backend> backends();

    Stream<Backend> eachBackend() {
        return backends().stream();
    }

    Stream<Arguments> eachPair() {
        return backends().stream().flatMap(from -> backends().stream().map(to -> Arguments.of(from, to)));
    }

    @BeforeEach
    void newDirectory() throws IOException {
        testDirectory = Files.createTempDirectory(root, "test");
    }

    @AfterEach
    void disposeBackends() {
        opened.forEach(KeyedStateBackend::dispose);
        opened.clear();
    }

    // ---- state kinds

    @ParameterizedTest
    @MethodSource("eachBackend")
    void valueStateIsScopedToTheKey(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        ValueState<Long> count = state.valueState(new ValueStateDescriptor<>("count", Long.class));
        state.setCurrentKey("a");
        assertThat(count.value()).isNull();
        count.update(1L);
        state.setCurrentKey("b");
        assertThat(count.value()).isNull();
        count.update(5L);
        state.setCurrentKey("a");
        assertThat(count.value()).isEqualTo(1L);
        assertThat(state.valueState("count", Long.class).value()).as("the by-name handle is the same state").isEqualTo(1L);
        count.update(null);
        assertThat(count.value()).isNull();
        state.setCurrentKey("b");
        count.clear();
        assertThat(count.value()).isNull();
        assertThat(state.keys("count")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void valuesAreCopiedInAndOut(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        @SuppressWarnings("unchecked")
        ValueState<List<String>> list = state.valueState(new ValueStateDescriptor<>("l", (Class<List<String>>) (Class<?>) List.class));
        state.setCurrentKey(7);
        List<String> value = new ArrayList<>(List.of("x"));
        list.update(value);
        value.add("changed after update");
        list.value().add("changed after read");
        assertThat(list.value()).containsExactly("x");
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void listStateAppendsAndReplaces(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        ListState<String> list = state.listState(new ListStateDescriptor<>("events", String.class));
        state.setCurrentKey("k");
        assertThat(list.get()).isEmpty();
        list.add("a");
        list.addAll(List.of("b", "c"));
        list.add("d");
        assertThat(list.get()).containsExactly("a", "b", "c", "d");
        assertThatThrownBy(() -> list.get().add("e")).isInstanceOf(UnsupportedOperationException.class);
        state.setCurrentKey("other");
        assertThat(list.get()).isEmpty();
        state.setCurrentKey("k");
        list.update(List.of("z"));
        assertThat(list.get()).containsExactly("z");
        list.update(List.of());
        assertThat(list.get()).isEmpty();
        assertThat(state.keys("events")).isEmpty();
        assertThatThrownBy(() -> list.add(null)).isInstanceOf(NullPointerException.class);
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> list.addAll(withNull)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void mapStateHoldsAMapPerKey(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        MapState<String, Integer> map = state.mapState(new MapStateDescriptor<>("attrs", String.class, Integer.class));
        state.setCurrentKey("k");
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.get("a")).isNull();
        map.put("a", 1);
        map.put("b", 2);
        map.put("a", 10);
        map.putAll(Map.of("c", 3));
        map.put("n", null);
        assertThat(map.get("a")).isEqualTo(10);
        assertThat(map.contains("n")).isTrue();
        assertThat(map.get("n")).isNull();
        assertThat(map.contains("zzz")).isFalse();
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("a", 10);
        expected.put("b", 2);
        expected.put("c", 3);
        expected.put("n", null);
        assertThat(map.entries()).containsExactlyEntriesOf(expected);
        assertThat(map.keys()).containsExactly("a", "b", "c", "n");
        assertThat(map.values()).containsExactly(10, 2, 3, null);
        state.setCurrentKey("other");
        assertThat(map.isEmpty()).isTrue();
        state.setCurrentKey("k");
        map.remove("a");
        map.remove("missing");
        assertThat(map.keys()).containsExactly("b", "c", "n");
        map.remove("b");
        map.remove("c");
        map.remove("n");
        assertThat(map.isEmpty()).isTrue();
        assertThat(state.keys("attrs")).as("an emptied map is removed").isEmpty();
        map.put("x", 1);
        map.clear();
        assertThat(map.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void reducingStateFoldsAddedValues(Backend backend) throws Exception {
        KeyedStateBackend state = open(backend);
        ReducingState<Long> sum = state.reducingState(new ReducingStateDescriptor<>("sum", Long::sum, Long.class));
        state.setCurrentKey("a");
        assertThat(sum.get()).isNull();
        sum.add(3L);
        sum.add(4L);
        state.setCurrentKey("b");
        sum.add(100L);
        state.setCurrentKey("a");
        assertThat(sum.get()).isEqualTo(7L);
        sum.clear();
        assertThat(sum.get()).isNull();
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void aggregatingStateKeepsTheAccumulator(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        AggregatingState<Long, Double> average =
                state.aggregatingState(new AggregatingStateDescriptor<>("avg", new Average(), long[].class));
        state.setCurrentKey("a");
        assertThat(average.get()).isNull();
        average.add(1L);
        average.add(2L);
        average.add(6L);
        state.setCurrentKey("b");
        average.add(10L);
        state.setCurrentKey("a");
        assertThat(average.get()).isEqualTo(3.0);
        state.setCurrentKey("b");
        assertThat(average.get()).isEqualTo(10.0);
        average.clear();
        assertThat(average.get()).isNull();
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void namespacesScopeStateBelowTheKey(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        ValueState<String> value = state.valueState("v", String.class);
        state.setCurrentKey("k");
        value.update("default");
        state.setCurrentNamespace(1000L);
        assertThat(state.currentNamespace()).isEqualTo(1000L);
        assertThat(value.value()).isNull();
        value.update("window 1000");
        state.setCurrentKey("other");
        assertThat(state.currentNamespace()).as("the namespace stays across keys").isEqualTo(1000L);
        value.update("other in 1000");
        state.setCurrentNamespace(2000L);
        state.setCurrentKey("k");
        value.update("window 2000");
        state.setCurrentNamespace(1000L);
        assertThat(value.value()).isEqualTo("window 1000");
        assertThat(state.keys("v")).containsExactlyInAnyOrder("k", "other");
        state.setCurrentNamespace(2000L);
        assertThat(state.keys("v")).containsExactly("k");
        state.setCurrentNamespace(null);
        assertThat(value.value()).isEqualTo("default");
        assertThat(state.keys("v")).containsExactly("k");
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void namespaceObjectsSetAgainAddressTheirOwnValues(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        ValueState<String> value = state.valueState("v", String.class);
        List<String> a = List.of("a");
        List<String> b = List.of("b");
        state.setCurrentKey("k");
        // the same objects in every order of switching: current, previous, two back, via the default namespace
        for (Object namespace : new Object[] {a, b, a, a, null, b, null, a, b}) {
            state.setCurrentNamespace(namespace);
            String expected = namespace == null ? "default" : "in " + namespace;
            if (value.value() != null) {
                assertThat(value.value()).as("value in %s", namespace).isEqualTo(expected);
            }
            value.update(expected);
        }
        state.setCurrentNamespace(List.of("a"));
        assertThat(value.value()).as("an equal namespace object").isEqualTo("in [a]");
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void keysAndNamespacesListEveryEntryOfAState(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        ValueState<String> value = state.valueState("v", String.class);
        ValueState<String> other = state.valueState("other", String.class);
        state.setCurrentKey("k");
        value.update("default");
        state.setCurrentNamespace(1000L);
        value.update("in 1000");
        state.setCurrentKey("j");
        value.update("j in 1000");
        other.update("not listed");
        state.setCurrentNamespace(2000L);
        value.update("j in 2000");
        value.clear();
        assertThat(state.keysAndNamespaces("v")).containsExactlyInAnyOrder(
                new KeyedStateBackend.KeyAndNamespace("k", null),
                new KeyedStateBackend.KeyAndNamespace("k", 1000L),
                new KeyedStateBackend.KeyAndNamespace("j", 1000L));
        assertThat(state.keysAndNamespaces("never registered")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void aNameIsOneStateOfOneKindAndTtl(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        state.valueState("s", String.class);
        assertThatThrownBy(() -> state.listState(new ListStateDescriptor<>("s", String.class)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'s' is VALUE state");
        assertThatThrownBy(() -> state.valueState(new ValueStateDescriptor<>("s", String.class)
                        .withTtl(StateTtlConfig.of(Duration.ofSeconds(1)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ttl");
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void stateNeedsACurrentKey(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        assertThatThrownBy(() -> state.valueState("s", String.class).value()).hasMessageContaining("no current key");
        assertThatThrownBy(() -> state.setCurrentKey(null)).hasMessageContaining("key is null");
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void longKeysAndNamespacesRoundTrip(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        ValueState<Integer> value = state.valueState("v", Integer.class);
        String medium = "m".repeat(200);
        String huge = "h".repeat(20_000);
        state.setCurrentNamespace(huge);
        state.setCurrentKey(medium);
        value.update(1);
        state.setCurrentKey(huge);
        value.update(2);
        KeyedStateBackend restored = restoreInto(backend, List.of(state.snapshot(1, snapshots("long"))),
                KeyGroupRange.all(MAX_PARALLELISM));
        ValueState<Integer> restoredValue = restored.valueState("v", Integer.class);
        restored.setCurrentNamespace(huge);
        restored.setCurrentKey(medium);
        assertThat(restoredValue.value()).isEqualTo(1);
        restored.setCurrentKey(huge);
        assertThat(restoredValue.value()).isEqualTo(2);
        assertThat(restored.keys("v")).containsExactlyInAnyOrder(medium, huge);
    }

    // ---- time to live

    @ParameterizedTest
    @MethodSource("eachBackend")
    void ttlOnCreateAndWriteExpiresValuesAfterTheLastWrite(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        ValueState<String> value = state.valueState(new ValueStateDescriptor<>("v", String.class)
                .withTtl(StateTtlConfig.of(Duration.ofMillis(100))));
        state.setCurrentKey("k");
        value.update("one");
        clock.advanceMillis(60);
        assertThat(value.value()).isEqualTo("one");
        clock.advanceMillis(39);
        assertThat(value.value()).as("99 ms after the write; reads do not refresh").isEqualTo("one");
        clock.advanceMillis(1);
        assertThat(value.value()).as("100 ms after the write").isNull();
        value.update("two");
        clock.advanceMillis(99);
        value.update("three");
        clock.advanceMillis(99);
        assertThat(value.value()).as("the second write refreshed it").isEqualTo("three");
        clock.advanceMillis(1);
        assertThat(state.keys("v")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void ttlOnReadAndWriteIsRefreshedByReads(Backend backend) throws IOException {
        KeyedStateBackend state = open(backend);
        ValueState<String> value = state.valueState(new ValueStateDescriptor<>("v", String.class)
                .withTtl(StateTtlConfig.of(Duration.ofMillis(100))
                        .withUpdateType(StateTtlConfig.UpdateType.ON_READ_AND_WRITE)));
        state.setCurrentKey("k");
        value.update("one");
        for (int i = 0; i < 5; i++) {
            clock.advanceMillis(90);
            assertThat(value.value()).isEqualTo("one");
        }
        clock.advanceMillis(100);
        assertThat(value.value()).isNull();
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void ttlAppliesToEveryStateKind(Backend backend) throws Exception {
        KeyedStateBackend state = open(backend);
        StateTtlConfig ttl = StateTtlConfig.of(Duration.ofMillis(100));
        ListState<String> list = state.listState(new ListStateDescriptor<>("l", String.class).withTtl(ttl));
        MapState<String, Integer> map = state.mapState(new MapStateDescriptor<>("m", String.class, Integer.class).withTtl(ttl));
        ReducingState<Long> sum = state.reducingState(new ReducingStateDescriptor<>("r", Long::sum, Long.class).withTtl(ttl));
        AggregatingState<Long, Double> avg =
                state.aggregatingState(new AggregatingStateDescriptor<>("a", new Average(), long[].class).withTtl(ttl));
        state.setCurrentKey("k");
        list.add("x");
        map.put("a", 1);
        sum.add(1L);
        avg.add(4L);
        clock.advanceMillis(80);
        list.add("y");
        map.put("b", 2);
        clock.advanceMillis(80);
        assertThat(list.get()).as("appending refreshed the list").containsExactly("x", "y");
        assertThat(map.entries()).as("putting refreshed the map").containsOnlyKeys("a", "b");
        assertThat(sum.get()).isNull();
        assertThat(avg.get()).isNull();
        sum.add(5L);
        assertThat(sum.get()).as("an expired value is not reduced into").isEqualTo(5L);
        clock.advanceMillis(100);
        list.add("z");
        assertThat(list.get()).as("an expired list is not appended to").containsExactly("z");
        assertThat(map.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("eachPair")
    void expiredValuesStayInvisibleAfterRestoreAndAreLeftOutOfFullSnapshots(Backend from, Backend to)
            throws IOException {
        KeyedStateBackend state = open(from);
        ValueState<Integer> value = state.valueState(new ValueStateDescriptor<>("v", Integer.class)
                .withTtl(StateTtlConfig.of(Duration.ofMillis(100))));
        for (int i = 0; i < 10; i++) {
            state.setCurrentKey(i);
            value.update(i);
            clock.advanceMillis(10);
        }
        // Now at 100 ms: key 0 (written at 0) expired; key 9 (written at 90) lives until 190.
        KeyedStateSnapshot snapshot = state.snapshot(1, snapshots("ttl"));
        assertThat(snapshot.entriesWritten()).isEqualTo(9);
        KeyedStateBackend restored = restoreInto(to, List.of(snapshot), KeyGroupRange.all(MAX_PARALLELISM));
        ValueState<Integer> restoredValue = restored.valueState(new ValueStateDescriptor<>("v", Integer.class)
                .withTtl(StateTtlConfig.of(Duration.ofMillis(100))));
        assertThat(restored.keys("v")).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9);
        clock.advanceMillis(50);
        assertThat(restored.keys("v")).as("timestamps survive the restore").containsExactlyInAnyOrder(6, 7, 8, 9);
        restored.setCurrentKey(9);
        assertThat(restoredValue.value()).isEqualTo(9);
    }

    // ---- snapshots

    @ParameterizedTest
    @MethodSource("eachPair")
    void aChainOfFullAndIncrementalSnapshotsRestoresTheLiveState(Backend from, Backend to) throws Exception {
        KeyedStateBackend live = open(from, SETTINGS.withFullSnapshotInterval(3));
        Workload work = new Workload(live);
        Path directory = snapshots("chain");

        for (int i = 0; i < 200; i++) {
            work.setCount("k" + i, (long) i);
            work.addEvent("k" + i, "e" + i);
            work.putAttr("k" + i, "a", i);
            if (i % 2 == 0) {
                work.setWindow("k" + i, "w1", "even " + i);
            }
        }
        KeyedStateSnapshot first = live.snapshot(1, directory);
        assertThat(first.isFull()).isTrue();
        assertThat(first.entriesWritten()).isEqualTo(200 + 200 + 200 + 100);
        Map<String, Object> atFirst = work.expected();

        work.touched.clear();
        for (int i = 0; i < 20; i++) {
            work.setCount("k" + i, 1000L + i);
        }
        for (int i = 20; i < 30; i++) {
            work.clearCount("k" + i);
        }
        for (int i = 30; i < 40; i++) {
            work.addEvent("k" + i, "more");
        }
        for (int i = 40; i < 50; i++) {
            work.removeAttr("k" + i, "a");
        }
        for (int i = 200; i < 210; i++) {
            work.setCount("k" + i, (long) i);
        }
        work.clearWindow("k0", "w1");
        work.setWindow("k1", "w2", "odd in w2");
        KeyedStateSnapshot second = live.snapshot(2, directory);
        assertThat(second.isFull()).isFalse();
        assertThat(second.files()).hasSize(2);
        assertThat(second.entriesWritten()).isEqualTo(work.touched.size());
        assertThat(second.latest().tombstones()).isEqualTo(10 + 10 + 1);
        Map<String, Object> atSecond = work.expected();

        work.touched.clear();
        work.setCount("k20", 7L);
        work.clearCount("k200");
        work.removeAttr("k60", "a");
        work.putAttr("k61", "b", 61);
        work.addEvent("k199", "last");
        KeyedStateSnapshot third = live.snapshot(3, directory);
        assertThat(third.files()).hasSize(3);
        assertThat(third.entriesWritten()).isEqualTo(work.touched.size());
        Map<String, Object> atThird = work.expected();

        work.setCount("k1", -1L);
        KeyedStateSnapshot fourth = live.snapshot(4, directory);
        assertThat(fourth.isFull()).as("the chain holds 3 files: the next snapshot is full").isTrue();
        assertThat(fourth.files()).hasSize(1);
        Map<String, Object> atFourth = work.expected();
        assertThat(dump(live)).isEqualTo(atFourth);

        assertThat(dump(restoreInto(to, List.of(first), KeyGroupRange.all(MAX_PARALLELISM)))).isEqualTo(atFirst);
        assertThat(dump(restoreInto(to, List.of(second), KeyGroupRange.all(MAX_PARALLELISM)))).isEqualTo(atSecond);
        assertThat(dump(restoreInto(to, List.of(third), KeyGroupRange.all(MAX_PARALLELISM)))).isEqualTo(atThird);
        assertThat(dump(restoreInto(to, List.of(fourth), KeyGroupRange.all(MAX_PARALLELISM)))).isEqualTo(atFourth);
        assertThat(atSecond).isNotEqualTo(atFirst).doesNotContainKey("count|k25|");
        assertThat(atThird.get("count|k20|")).isEqualTo(7L);
    }

    /** Changes the same keys as {@link #fill} and more: updates, removals, appends, new keys. */
    private static void mutate(Workload work, int round) {
        for (int i = 0; i < 100; i++) {
            work.setCount("k" + i, -1000L * round - i);
            work.addEvent("k" + i, "after " + round);
        }
        for (int i = 100; i < 120; i++) {
            work.clearCount("k" + i);
        }
        for (int i = 40 * (round - 1); i < 40 * round; i += 2) {
            work.removeAttr("k" + i, "a");
            work.clearWindow("k" + i, "w1");
        }
        for (int i = 0; i < 30; i++) {
            work.setCount("new" + round + "-" + i, (long) i);
        }
    }

    private static void fill(Workload work) {
        for (int i = 0; i < 200; i++) {
            work.setCount("k" + i, (long) i);
            work.addEvent("k" + i, "e" + i);
            work.putAttr("k" + i, "a", i);
            if (i % 2 == 0) {
                work.setWindow("k" + i, "w1", "even " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("eachPair")
    void changesAfterTheCaptureDoNotReachTheSnapshotWrittenLater(Backend from, Backend to) throws IOException {
        KeyedStateBackend live = open(from);
        Workload work = new Workload(live);
        Path directory = snapshots("async");
        fill(work);
        Map<String, Object> atFirst = work.expected();
        KeyedStateCapture first = live.capture(1, directory);
        mutate(work, 1);
        KeyedStateSnapshot firstWritten = first.write();
        assertThat(firstWritten.isFull()).isTrue();

        Map<String, Object> atSecond = work.expected();
        KeyedStateCapture second = live.capture(2, directory);
        mutate(work, 2);
        work.setCount("k150", 150_000L);
        KeyedStateSnapshot secondWritten = second.write();
        assertThat(secondWritten.isFull()).as("changes since the first capture only").isFalse();
        assertThat(secondWritten.files()).hasSize(2);

        assertThat(atSecond).isNotEqualTo(atFirst).isNotEqualTo(work.expected());
        assertThat(dump(restoreInto(to, List.of(firstWritten), KeyGroupRange.all(MAX_PARALLELISM))))
                .isEqualTo(atFirst);
        assertThat(dump(restoreInto(to, List.of(secondWritten), KeyGroupRange.all(MAX_PARALLELISM))))
                .isEqualTo(atSecond);
        assertThat(dump(live)).isEqualTo(work.expected());
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void aFullSnapshotTooLargeToCopyIsWrittenAtTheCapture(Backend backend) throws IOException {
        KeyedStateBackend live = open(backend, SETTINGS.withMaxCapturedBytes(1_000));
        Workload work = new Workload(live);
        Path directory = snapshots("too-large");
        fill(work);
        Map<String, Object> atFirst = work.expected();
        KeyedStateCapture first = live.capture(1, directory);
        assertThat(directory.resolve("keyed-state-1.full")).as("written at the capture").exists();
        mutate(work, 1);
        Map<String, Object> atSecond = work.expected();
        KeyedStateCapture second = live.capture(2, directory);
        mutate(work, 2);
        KeyedStateSnapshot firstWritten = first.write();
        KeyedStateSnapshot secondWritten = second.write();
        assertThat(secondWritten.isFull()).as("the changes fit the bound: incremental, written later").isFalse();

        assertThat(dump(restoreInto(backend, List.of(firstWritten), KeyGroupRange.all(MAX_PARALLELISM))))
                .isEqualTo(atFirst);
        assertThat(dump(restoreInto(backend, List.of(secondWritten), KeyGroupRange.all(MAX_PARALLELISM))))
                .isEqualTo(atSecond);
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void aSnapshotBuiltOnAFileThatWasNotWrittenFailsAndTheNextOneIsFull(Backend backend) throws IOException {
        KeyedStateBackend live = open(backend);
        Workload work = new Workload(live);
        Path directory = snapshots("broken-chain");
        fill(work);
        KeyedStateCapture first = live.capture(1, directory);
        mutate(work, 1);
        KeyedStateCapture second = live.capture(2, directory);
        first.discard();
        assertThatThrownBy(second::write).isInstanceOf(IOException.class).hasMessageContaining("not written");

        mutate(work, 2);
        Map<String, Object> atThird = work.expected();
        KeyedStateSnapshot third = live.capture(3, directory).write();
        assertThat(third.isFull()).as("the chain is broken: start a new one").isTrue();
        assertThat(dump(restoreInto(backend, List.of(third), KeyGroupRange.all(MAX_PARALLELISM))))
                .isEqualTo(atThird);
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void anIncrementalSnapshotWritesOnlyTheChangedKeys(Backend backend) throws IOException {
        KeyedStateBackend live = open(backend);
        ValueState<Long> value = live.valueState("v", Long.class);
        Map<Integer, Long> expected = new HashMap<>();
        int keys = 100_000;
        for (int i = 0; i < keys; i++) {
            live.setCurrentKey(i);
            value.update((long) i);
            expected.put(i, (long) i);
        }
        Path directory = snapshots("incremental");
        KeyedStateSnapshot full = live.snapshot(1, directory);
        assertThat(full.entriesWritten()).isEqualTo(keys);

        // 1% of the keys: 600 updated, 200 removed, 200 new.
        for (int i = 0; i < 600; i++) {
            live.setCurrentKey(i * 100);
            value.update(-1L);
            expected.put(i * 100, -1L);
        }
        for (int i = 0; i < 200; i++) {
            live.setCurrentKey(i * 100 + 1);
            value.clear();
            expected.remove(i * 100 + 1);
        }
        for (int i = 0; i < 200; i++) {
            live.setCurrentKey(keys + i);
            value.update(1L);
            expected.put(keys + i, 1L);
        }
        KeyedStateSnapshot delta = live.snapshot(2, directory);
        assertThat(delta.isFull()).isFalse();
        assertThat(delta.entriesWritten()).isEqualTo(1_000);
        assertThat(delta.latest().tombstones()).isEqualTo(200);
        assertThat(delta.incrementalSize()).isLessThan(full.incrementalSize() / 50);
        assertThat(delta.fullSize()).isEqualTo(full.fullSize() + delta.incrementalSize());

        KeyedStateBackend restored = restoreInto(backend, List.of(delta), KeyGroupRange.all(MAX_PARALLELISM));
        ValueState<Long> restoredValue = restored.valueState("v", Long.class);
        assertThat(restored.keys("v")).hasSize(expected.size());
        for (int i = 0; i < keys + 200; i++) {
            restored.setCurrentKey(i);
            assertThat(restoredValue.value()).as("key %d", i).isEqualTo(expected.get(i));
        }
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void tooManyChangesMakeTheNextSnapshotFull(Backend backend) throws IOException {
        KeyedStateBackend live = open(backend, SETTINGS.withMaxTrackedChanges(10));
        ValueState<Integer> value = live.valueState("v", Integer.class);
        Path directory = snapshots("overflow");
        live.setCurrentKey(-1);
        value.update(-1);
        live.snapshot(1, directory);
        for (int i = 0; i < 10; i++) {
            live.setCurrentKey(i);
            value.update(i);
        }
        assertThat(live.snapshot(2, directory).isFull()).as("10 changes are tracked").isFalse();
        for (int i = 0; i < 11; i++) {
            live.setCurrentKey(i);
            value.update(i + 1);
        }
        KeyedStateSnapshot third = live.snapshot(3, directory);
        assertThat(third.isFull()).as("11 changes overflow the tracking").isTrue();
        assertThat(third.entriesWritten()).as("all 12 keys").isEqualTo(12);
        assertThat(live.snapshot(4, directory).entriesWritten()).as("tracking resumes").isZero();
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void snapshotsFollowCheckpointOrderAndTheFirstAfterARestoreIsFull(Backend backend) throws IOException {
        KeyedStateBackend live = open(backend);
        ValueState<Integer> value = live.valueState("v", Integer.class);
        live.setCurrentKey("k");
        value.update(1);
        Path directory = snapshots("order");
        KeyedStateSnapshot first = live.snapshot(5, directory);
        assertThatThrownBy(() -> live.snapshot(5, directory)).isInstanceOf(IllegalArgumentException.class);
        live.restore(List.of(first), KeyGroupRange.all(MAX_PARALLELISM));
        assertThatThrownBy(() -> live.snapshot(4, directory)).isInstanceOf(IllegalArgumentException.class);
        value.update(2);
        KeyedStateSnapshot afterRestore = live.snapshot(6, directory);
        assertThat(afterRestore.isFull()).isTrue();
        assertThat(afterRestore.entriesWritten()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("eachBackend")
    void restoreNeedsTheSameMaxParallelism(Backend backend) throws IOException {
        KeyedStateBackend live = open(backend);
        live.setCurrentKey("k");
        live.valueState("v", Integer.class).update(1);
        KeyedStateSnapshot snapshot = live.snapshot(1, snapshots("max"));
        KeyedStateBackend other = open(backend, KeyedStateSettings.defaults(64));
        assertThatThrownBy(() -> other.restore(List.of(snapshot), KeyGroupRange.all(64)))
                .isInstanceOf(IOException.class).hasMessageContaining("max parallelism 128");
    }

    @ParameterizedTest
    @MethodSource("eachPair")
    void restoringWithAnotherParallelismMovesWholeKeyGroups(Backend from, Backend to) throws IOException {
        int keys = 5_000;
        Map<Object, Long> all = new HashMap<>();
        List<KeyedStateSnapshot> snapshots = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            KeyedStateBackend old = open(from);
            ValueState<Long> value = old.valueState("v", Long.class);
            ListState<String> list = old.listState(new ListStateDescriptor<>("l", String.class));
            for (int i = 0; i < keys; i++) {
                String key = "key-" + i;
                if (KeyGroups.subtaskForKey(key, MAX_PARALLELISM, 2) == subtask) {
                    old.setCurrentKey(key);
                    value.update((long) i);
                    list.add("v" + i);
                    all.put(key, (long) i);
                }
            }
            Path directory = snapshots("rescale-" + subtask);
            old.snapshot(1, directory);
            for (Object key : all.keySet()) {
                if (KeyGroups.subtaskForKey(key, MAX_PARALLELISM, 2) == subtask && ((String) key).endsWith("7")) {
                    old.setCurrentKey(key);
                    value.update(-1L);
                    all.put(key, -1L);
                }
            }
            snapshots.add(old.snapshot(2, directory));
        }
        assertThat(snapshots).allMatch(snapshot -> snapshot.files().size() == 2);

        Set<Object> seen = new HashSet<>();
        for (int subtask = 0; subtask < 3; subtask++) {
            KeyGroupRange range = KeyGroupRange.computeRange(MAX_PARALLELISM, 3, subtask);
            KeyedStateBackend restored = restoreInto(to, snapshots, range);
            ValueState<Long> value = restored.valueState("v", Long.class);
            ListState<String> list = restored.listState(new ListStateDescriptor<>("l", String.class));
            int owner = subtask;
            Set<Object> expectedKeys = new HashSet<>();
            all.keySet().stream()
                    .filter(key -> KeyGroups.subtaskForKey(key, MAX_PARALLELISM, 3) == owner)
                    .forEach(expectedKeys::add);
            assertThat(expectedKeys).isNotEmpty();
            assertThat(new HashSet<>(restored.keys("v"))).isEqualTo(expectedKeys);
            assertThat(new HashSet<>(restored.keys("l"))).isEqualTo(expectedKeys);
            for (Object key : expectedKeys) {
                restored.setCurrentKey(key);
                assertThat(value.value()).isEqualTo(all.get(key));
                assertThat(list.get()).containsExactly("v" + ((String) key).substring(4));
                assertThat(seen.add(key)).as("key %s restored once", key).isTrue();
            }
        }
        assertThat(seen).isEqualTo(all.keySet());
        assertThat(all).hasSize(keys);
    }

    // ---- helpers

    private KeyedStateBackend open(Backend backend) throws IOException {
        return open(backend, SETTINGS);
    }

    private KeyedStateBackend open(Backend backend, KeyedStateSettings settings) throws IOException {
        Path directory = Files.createTempDirectory(testDirectory, backend.name());
        KeyedStateBackend state = backend.factory().create(settings, clock, directory);
        opened.add(state);
        return state;
    }

    private KeyedStateBackend restoreInto(Backend backend, List<KeyedStateSnapshot> snapshots, KeyGroupRange range)
            throws IOException {
        KeyedStateBackend state = open(backend);
        state.restore(snapshots, range);
        return state;
    }

    private Path snapshots(String name) {
        return testDirectory.resolve("snapshots-" + name);
    }

    /** Every visible entry of the {@link Workload} states, as {@code state|key|namespace -> value}. */
    private static Map<String, Object> dump(KeyedStateBackend state) {
        Map<String, Object> entries = new HashMap<>();
        ValueState<Long> count = state.valueState("count", Long.class);
        ListState<String> events = state.listState(new ListStateDescriptor<>("events", String.class));
        MapState<String, Integer> attrs = state.mapState(new MapStateDescriptor<>("attrs", String.class, Integer.class));
        ValueState<String> window = state.valueState("window", String.class);
        state.setCurrentNamespace(null);
        for (Object key : state.keys("count")) {
            state.setCurrentKey(key);
            entries.put("count|" + key + "|", count.value());
        }
        for (Object key : state.keys("events")) {
            state.setCurrentKey(key);
            entries.put("events|" + key + "|", events.get());
        }
        for (Object key : state.keys("attrs")) {
            state.setCurrentKey(key);
            entries.put("attrs|" + key + "|", new HashMap<>(attrs.entries()));
        }
        for (String namespace : List.of("w1", "w2")) {
            state.setCurrentNamespace(namespace);
            for (Object key : state.keys("window")) {
                state.setCurrentKey(key);
                entries.put("window|" + key + "|" + namespace, window.value());
            }
        }
        state.setCurrentNamespace(null);
        return entries;
    }

    /** Changes state through a backend and mirrors them in plain collections: the expected state. */
    private static final class Workload {
        private final KeyedStateBackend state;
        private final ValueState<Long> count;
        private final ListState<String> events;
        private final MapState<String, Integer> attrs;
        private final ValueState<String> window;
        private final Map<String, Long> counts = new HashMap<>();
        private final Map<String, List<String>> eventLists = new HashMap<>();
        private final Map<String, Map<String, Integer>> attrMaps = new HashMap<>();
        private final Map<String, String> windows = new HashMap<>();
        /** Store entries changed since cleared: state, key, namespace. */
        final Set<String> touched = new HashSet<>();

        Workload(KeyedStateBackend state) {
            this.state = state;
            this.count = state.valueState("count", Long.class);
            this.events = state.listState(new ListStateDescriptor<>("events", String.class));
            this.attrs = state.mapState(new MapStateDescriptor<>("attrs", String.class, Integer.class));
            this.window = state.valueState("window", String.class);
        }

        void setCount(String key, Long value) {
            at(key, null);
            count.update(value);
            counts.put(key, value);
            touched.add("count|" + key + "|");
        }

        void clearCount(String key) {
            at(key, null);
            count.clear();
            counts.remove(key);
            touched.add("count|" + key + "|");
        }

        void addEvent(String key, String event) {
            at(key, null);
            events.add(event);
            eventLists.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
            touched.add("events|" + key + "|");
        }

        void putAttr(String key, String name, int value) {
            at(key, null);
            attrs.put(name, value);
            attrMaps.computeIfAbsent(key, k -> new HashMap<>()).put(name, value);
            touched.add("attrs|" + key + "|");
        }

        void removeAttr(String key, String name) {
            at(key, null);
            attrs.remove(name);
            Map<String, Integer> map = attrMaps.get(key);
            map.remove(name);
            if (map.isEmpty()) {
                attrMaps.remove(key);
            }
            touched.add("attrs|" + key + "|");
        }

        void setWindow(String key, String namespace, String value) {
            at(key, namespace);
            window.update(value);
            windows.put(key + "|" + namespace, value);
            touched.add("window|" + key + "|" + namespace);
        }

        void clearWindow(String key, String namespace) {
            at(key, namespace);
            window.clear();
            windows.remove(key + "|" + namespace);
            touched.add("window|" + key + "|" + namespace);
        }

        Map<String, Object> expected() {
            Map<String, Object> entries = new HashMap<>();
            counts.forEach((key, value) -> entries.put("count|" + key + "|", value));
            eventLists.forEach((key, value) -> entries.put("events|" + key + "|", List.copyOf(value)));
            attrMaps.forEach((key, value) -> entries.put("attrs|" + key + "|", new HashMap<>(value)));
            windows.forEach((keyAndNamespace, value) -> entries.put("window|" + keyAndNamespace, value));
            return entries;
        }

        private void at(String key, String namespace) {
            state.setCurrentKey(key);
            state.setCurrentNamespace(namespace);
        }
    }

    /** Average of longs; the accumulator is {sum, count}. */
    static final class Average implements AggregateFunction<Long, long[], Double> {
        @Override
        public long[] createAccumulator() {
            return new long[2];
        }

        @Override
        public long[] add(Long value, long[] accumulator) {
            accumulator[0] += value;
            accumulator[1]++;
            return accumulator;
        }

        @Override
        public Double getResult(long[] accumulator) {
            return (double) accumulator[0] / accumulator[1];
        }

        @Override
        public long[] merge(long[] a, long[] b) {
            return new long[] {a[0] + b[0], a[1] + b[1]};
        }
    }
}
