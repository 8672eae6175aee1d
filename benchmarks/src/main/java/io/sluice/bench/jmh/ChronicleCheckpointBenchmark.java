package io.sluice.bench.jmh;

import io.sluice.api.state.ValueState;
import io.sluice.runtime.state.KeyedStateSettings;
import io.sluice.runtime.state.KeyedStateSnapshot;
import io.sluice.runtime.state.SnapshotFile;
import io.sluice.state.chronicle.ChronicleMapOptions;
import io.sluice.state.chronicle.ChronicleMapStateBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One task's keyed-state part of a checkpoint with Chronicle Map state: 1 M keys hold a count (a {@code Long}
 * value state), 1% of them (10 k random keys) are updated between two checkpoints, and one op is the
 * {@code snapshot(n, dir)} a task takes at the barrier. {@code snapshot=incremental} writes the changed keys only
 * (the full-snapshot interval is set out of reach); {@code snapshot=full} writes all 1 M entries every time. The
 * updates happen in the per-op setup and are not timed. Each snapshot is checked: an incremental one holds exactly
 * the distinct keys changed since the previous one (counted by the benchmark itself), a full one all 1 M.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class ChronicleCheckpointBenchmark extends ChronicleFork {

    static final int KEYS = 1_000_000;
    static final int CHANGED = KEYS / 100;

    @Param({"incremental", "full"})
    public String snapshot;

    private Path directory;
    private ChronicleMapStateBackend backend;
    private ValueState<Long> count;
    private final Random random = new Random(42);
    private final Set<Long> changed = new HashSet<>();
    private long checkpointId;
    private KeyedStateSnapshot last;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        directory = Files.createTempDirectory("sluice-checkpoint-bench");
        boolean full = snapshot.equals("full");
        KeyedStateSettings settings = KeyedStateSettings.defaults(KeyedStateSettings.DEFAULT_MAX_PARALLELISM)
                .withFullSnapshotInterval(full ? 1 : Integer.MAX_VALUE);
        backend = new ChronicleMapStateBackend(
                ChronicleMapOptions.defaults(directory.resolve("state"), "counts", 0).withSizing(KEYS * 11L / 10,
                        ChronicleMapOptions.DEFAULT_AVERAGE_KEY_SIZE, ChronicleMapOptions.DEFAULT_AVERAGE_VALUE_SIZE),
                settings, ChronicleCheckpointBenchmark.class.getClassLoader(), Clock.systemUTC());
        count = backend.valueState("count", Long.class);
        for (long key = 0; key < KEYS; key++) {
            backend.setCurrentKey(key);
            count.update(1L);
        }
        // The first snapshot of a backend is always full: the chain the incremental ones extend.
        last = backend.snapshot(++checkpointId, checkpointDirectory(checkpointId));
        check(KEYS);
    }

    @Setup(Level.Invocation)
    public void changeOnePercent() {
        changed.clear();
        for (int i = 0; i < CHANGED; i++) {
            long key = random.nextInt(KEYS);
            backend.setCurrentKey(key);
            count.update(count.value() + 1);
            changed.add(key);
        }
    }

    @Benchmark
    public KeyedStateSnapshot checkpoint() throws IOException {
        last = backend.snapshot(++checkpointId, checkpointDirectory(checkpointId));
        return last;
    }

    /** Each snapshot holds what it should; then the previous one's files go (full runs write GBs otherwise). */
    @TearDown(Level.Invocation)
    public void checkAndDelete() throws IOException {
        check(snapshot.equals("full") ? KEYS : changed.size());
        deleteTree(checkpointDirectory(checkpointId - 1));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        backend.dispose();
        deleteTree(directory);
    }

    private Path checkpointDirectory(long id) {
        return directory.resolve("chk-" + id);
    }

    /** The newest file of the snapshot: full or incremental as the parameter says, with that many entries. */
    private void check(long expectedEntries) {
        SnapshotFile written = last.files().get(last.files().size() - 1);
        boolean full = expectedEntries == KEYS;
        if (written.full() != full || written.entries() != expectedEntries) {
            throw new IllegalStateException("expected a " + (full ? "full" : "incremental") + " snapshot of "
                    + expectedEntries + " entries: " + written);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
