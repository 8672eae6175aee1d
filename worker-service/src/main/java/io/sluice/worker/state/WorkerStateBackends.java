package io.sluice.worker.state;

import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.state.InMemoryKeyedStateBackend;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedStateSettings;
import io.sluice.runtime.state.StateBackendFactory;
import io.sluice.state.chronicle.ChronicleMapOptions;
import io.sluice.state.chronicle.ChronicleMapStateBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyed state backends of a worker's tasks. Chronicle Map files go to
 * {@code <dataDir>/<job id>/<attempt>/<operator>-<subtask>.<generation>.cmap} and are deleted when the task ends.
 * Thread-safe; each {@link TaskBackends} belongs to one task thread.
 */
public final class WorkerStateBackends {

    private static final Logger log = LoggerFactory.getLogger(WorkerStateBackends.class);

    /** Enough calls for the JIT to compile the hot paths (its thresholds are in the low thousands). */
    private static final int WARM_UP_KEYS = 2_000;
    private static final int WARM_UP_ROUNDS = 5;

    private final StateBackendKind kind;
    private final Path dataDir;
    private final long expectedEntries;

    /** @param expectedEntries entries a subtask's first map is sized for; it grows beyond them when needed */
    public WorkerStateBackends(StateBackendKind kind, Path dataDir, long expectedEntries) {
        if (expectedEntries < 1) {
            throw new IllegalArgumentException("expectedEntries must be positive: " + expectedEntries);
        }
        this.kind = kind;
        this.dataDir = dataDir;
        this.expectedEntries = expectedEntries;
    }

    /** Heap state (tests). */
    public static WorkerStateBackends heap() {
        return new WorkerStateBackends(StateBackendKind.HEAP, Path.of(System.getProperty("java.io.tmpdir")), 1);
    }

    public StateBackendKind kind() {
        return kind;
    }

    /** The directory of one job attempt's map files. */
    public Path attemptDirectory(TaskId task, int attempt) {
        return dataDir.resolve(task.jobId().hex()).resolve(Integer.toString(attempt));
    }

    /** The backends one task attempt creates; dispose them when the task ends. */
    public TaskBackends forTask(int attempt) {
        return new TaskBackends(attempt);
    }

    /**
     * Runs Chronicle's one-off start-up now rather than on the first task's thread: class loading, generated code and
     * native access checks when the first map is created, then the interpreter-to-JIT phase of the state and
     * snapshot code paths. On a loaded machine that phase made the first tasks process records slower than their
     * sources produced them, so the first checkpoint's barriers queued behind a growing backlog and a short job could
     * end before one completed. A JVM without the Chronicle flags, or a data dir it cannot write, fails at start-up
     * rather than in a task. Does nothing for heap state.
     */
    public void warmUp() throws IOException {
        if (kind != StateBackendKind.CHRONICLE) {
            return;
        }
        Path directory = Files.createTempDirectory(Files.createDirectories(dataDir), "warmup-");
        long start = System.nanoTime();
        ChronicleMapStateBackend backend = new ChronicleMapStateBackend(
                new ChronicleMapOptions(directory, "warmup", 0, WARM_UP_KEYS, 16, 16),
                KeyedStateSettings.defaults(128), WorkerStateBackends.class.getClassLoader(), Clock.systemUTC());
        long created = elapsedMillis(start);
        try {
            ValueState<Long> count = backend.valueState(new ValueStateDescriptor<>("warmup", Long.class));
            for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
                for (long key = 0; key < WARM_UP_KEYS; key++) {
                    backend.setCurrentKey(key);
                    Long value = count.value();
                    count.update(value == null ? 1 : value + 1);
                }
                // The first is full, the others incremental: both snapshot paths.
                backend.snapshot(round, directory.resolve("chk-" + round));
            }
        } finally {
            backend.dispose();
            WorkerDataDirectory.deleteTree(directory);
        }
        log.info("Chronicle Map state ready: first map created in {} ms, warmed up in {} ms", created,
                elapsedMillis(start));
    }

    /** Why keyed state files could not be created in {@code directory}, with the free space of its disk. */
    static String storageFailure(Path directory, Exception cause) {
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        String space;
        if (existing == null) {
            space = "no part of the path exists";
        } else if (!Files.isDirectory(existing)) {
            space = existing + " is not a directory";
        } else {
            long free = existing.toFile().getUsableSpace();
            space = (free < LOW_DISK_BYTES ? "disk full: " : "") + free / (1024 * 1024) + " MiB free on its disk";
        }
        return "cannot create keyed state files in " + directory + " (" + space + "): " + cause;
    }

    /** Less free space than this is reported as a full disk. */
    private static final long LOW_DISK_BYTES = 64L * 1024 * 1024;

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** The state backend factory of one task attempt; remembers what it created so that it can dispose of it. */
    public final class TaskBackends implements StateBackendFactory {

        private final int attempt;
        private final List<KeyedStateBackend> created = new ArrayList<>();

        private TaskBackends(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public synchronized KeyedStateBackend create(
                TaskId task, KeyedStateSettings settings, ClassLoader userClassLoader, Clock clock) throws IOException {
            KeyedStateBackend backend = kind == StateBackendKind.HEAP
                    ? new InMemoryKeyedStateBackend(settings, userClassLoader, clock)
                    : chronicle(task, settings, userClassLoader, clock);
            created.add(backend);
            return backend;
        }

        /** Closes the backends and deletes their working files (snapshots stay). Idempotent. */
        public synchronized void dispose() {
            for (KeyedStateBackend backend : created) {
                try {
                    backend.dispose();
                } catch (RuntimeException e) {
                    log.warn("Could not dispose of keyed state {}", backend, e);
                }
            }
            created.clear();
        }

        private KeyedStateBackend chronicle(
                TaskId task, KeyedStateSettings settings, ClassLoader userClassLoader, Clock clock) throws IOException {
            ChronicleMapOptions options = ChronicleMapOptions.defaults(
                            attemptDirectory(task, attempt), task.chainId(), task.subtask())
                    .withSizing(expectedEntries, ChronicleMapOptions.DEFAULT_AVERAGE_KEY_SIZE,
                            ChronicleMapOptions.DEFAULT_AVERAGE_VALUE_SIZE);
            long start = System.nanoTime();
            ChronicleMapStateBackend backend;
            try {
                backend = new ChronicleMapStateBackend(options, settings, userClassLoader, clock);
            } catch (IOException | RuntimeException e) {
                // Chronicle's own messages name neither the disk nor its free space: the task's failure should.
                throw new IOException(storageFailure(options.dataDirectory(), e), e);
            }
            log.info("Task {} (attempt {}) keeps keyed state in {} (created in {} ms)",
                    task, attempt, backend.mapFile(), elapsedMillis(start));
            return backend;
        }
    }
}
