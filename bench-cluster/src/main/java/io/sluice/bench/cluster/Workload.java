package io.sluice.bench.cluster;

import java.util.SplittableRandom;

/**
 * The benchmark's input, generated deterministically from a seed: record i has a key drawn from {@code keys} keys,
 * an event time that advances evenly over {@code eventSpanMillis} with up to {@link #JITTER_MILLIS} of disorder, and
 * a value in 0..999. Every system reads the same records from the same topic. Event time starts at {@code epoch}
 * (recent, see {@link #recentEpoch}): the broker deletes records by timestamp after its retention time, and refuses
 * timestamps far in the future.
 *
 * <p>As JSON: {@code {"key":"k42","ts":1700000012345,"v":617}}; the Kafka key is the key, the Kafka timestamp the
 * event time.
 */
record Workload(long records, int keys, int partitions, long eventSpanMillis, long seed, long epoch) {

    /** Event time starts are multiples of this (every window slide used divides it), so window starts line up. */
    static final long EPOCH_ALIGNMENT = 30_000;
    /** Records trail the even progression by up to this much; watermarks allow {@link #OUT_OF_ORDERNESS_MILLIS}. */
    static final int JITTER_MILLIS = 500;
    static final long OUT_OF_ORDERNESS_MILLIS = 1000;

    Workload {
        if (records < 1 || keys < 1 || partitions < 1 || eventSpanMillis < 1) {
            throw new IllegalArgumentException("records, keys, partitions and event span must be positive");
        }
        if (epoch % EPOCH_ALIGNMENT != 0) {
            throw new IllegalArgumentException("epoch must be a multiple of " + EPOCH_ALIGNMENT + ": " + epoch);
        }
    }

    /** An aligned epoch such that the whole span lies in the recent past. */
    static long recentEpoch(long eventSpanMillis) {
        long start = System.currentTimeMillis() - eventSpanMillis - 60_000;
        return start - Math.floorMod(start, EPOCH_ALIGNMENT);
    }

    /** Walks the records in order; one cursor per pass. */
    Cursor cursor() {
        return new Cursor();
    }

    final class Cursor {
        private final SplittableRandom random = new SplittableRandom(seed);
        private long index;
        private int key;
        private long timestamp;
        private int value;

        boolean next() {
            if (index >= records) {
                return false;
            }
            key = random.nextInt(keys);
            timestamp = epoch + Math.floorDiv(index * eventSpanMillis, records) - random.nextInt(JITTER_MILLIS);
            value = random.nextInt(1000);
            index++;
            return true;
        }

        int keyIndex() {
            return key;
        }

        String key() {
            return "k" + key;
        }

        long timestamp() {
            return timestamp;
        }

        int value() {
            return value;
        }

        String json() {
            return "{\"key\":\"k" + key + "\",\"ts\":" + timestamp + ",\"v\":" + value + "}";
        }
    }
}
