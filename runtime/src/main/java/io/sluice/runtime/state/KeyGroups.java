package io.sluice.runtime.state;

/**
 * Keys are hashed into {@code maxParallelism} key groups, and each subtask of a keyed operator owns a contiguous
 * range of key groups. Rescaling (a later issue) moves whole key groups, so this mapping must stay stable: it is
 * the same on every worker and across restarts.
 */
public final class KeyGroups {

    private KeyGroups() {}

    /** The key group of a key: its {@code hashCode} spread by the murmur3 finalizer, mod {@code maxParallelism}. */
    public static int keyGroupFor(Object key, int maxParallelism) {
        if (key == null) {
            throw new IllegalArgumentException("record key is null");
        }
        return Math.floorMod(mix(key.hashCode()), maxParallelism);
    }

    /** The subtask that owns a key group (Flink's formula): ranges are contiguous and differ in size by at most one. */
    public static int subtaskFor(int keyGroup, int maxParallelism, int parallelism) {
        return (int) ((long) keyGroup * parallelism / maxParallelism);
    }

    /** The subtask a key is routed to. */
    public static int subtaskForKey(Object key, int maxParallelism, int parallelism) {
        return subtaskFor(keyGroupFor(key, maxParallelism), maxParallelism, parallelism);
    }

    /** Murmur3's 32-bit finalizer: spreads poor hash codes (small integers) over all bits. */
    static int mix(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
