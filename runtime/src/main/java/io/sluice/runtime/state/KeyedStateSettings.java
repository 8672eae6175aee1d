package io.sluice.runtime.state;

/**
 * How a keyed state backend groups keys and snapshots them.
 *
 * @param maxParallelism number of key groups (fixed for the job's lifetime: snapshots are cut by key group)
 * @param fullSnapshotInterval a snapshot is full when the current chain already holds this many files (a full
 *     one plus incremental ones), so restore replays at most this many files; 1 makes every snapshot full
 * @param maxTrackedChanges bound on the keys remembered as changed since the last snapshot; beyond it the
 *     backend stops tracking and the next snapshot is full (it would be about as large anyway)
 * @param maxCapturedBytes bound on the bytes a snapshot copies at the barrier for its asynchronous write; a full
 *     snapshot of more state than that is written at the barrier instead (the heap must not hold all state)
 */
public record KeyedStateSettings(int maxParallelism, int fullSnapshotInterval, int maxTrackedChanges,
        long maxCapturedBytes) {

    public static final int DEFAULT_MAX_PARALLELISM = 128;
    public static final int DEFAULT_FULL_SNAPSHOT_INTERVAL = 10;
    public static final int DEFAULT_MAX_TRACKED_CHANGES = 100_000;
    /** A sixteenth of the heap: a worker's few keyed tasks rarely capture full snapshots at the same barrier. */
    public static final long DEFAULT_MAX_CAPTURED_BYTES = Runtime.getRuntime().maxMemory() / 16;

    /** Key groups are stored in 2 bytes. */
    private static final int MAX_KEY_GROUPS = 32_768;

    public KeyedStateSettings {
        if (maxParallelism < 1 || maxParallelism > MAX_KEY_GROUPS) {
            throw new IllegalArgumentException("maxParallelism must be in 1.." + MAX_KEY_GROUPS + ": " + maxParallelism);
        }
        if (fullSnapshotInterval < 1) {
            throw new IllegalArgumentException("fullSnapshotInterval must be at least 1: " + fullSnapshotInterval);
        }
        if (maxTrackedChanges < 1) {
            throw new IllegalArgumentException("maxTrackedChanges must be at least 1: " + maxTrackedChanges);
        }
        if (maxCapturedBytes < 0) {
            throw new IllegalArgumentException("maxCapturedBytes must not be negative: " + maxCapturedBytes);
        }
    }

    public static KeyedStateSettings defaults(int maxParallelism) {
        return new KeyedStateSettings(maxParallelism, DEFAULT_FULL_SNAPSHOT_INTERVAL, DEFAULT_MAX_TRACKED_CHANGES,
                DEFAULT_MAX_CAPTURED_BYTES);
    }

    public KeyedStateSettings withFullSnapshotInterval(int interval) {
        return new KeyedStateSettings(maxParallelism, interval, maxTrackedChanges, maxCapturedBytes);
    }

    public KeyedStateSettings withMaxTrackedChanges(int max) {
        return new KeyedStateSettings(maxParallelism, fullSnapshotInterval, max, maxCapturedBytes);
    }

    public KeyedStateSettings withMaxCapturedBytes(long max) {
        return new KeyedStateSettings(maxParallelism, fullSnapshotInterval, maxTrackedChanges, max);
    }
}
