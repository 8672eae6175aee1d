package io.sluice.bench.cluster;

import java.util.SplittableRandom;

/**
 * The benchmark's input, generated deterministically from a seed: record i has a key drawn from {@code keys} keys,
 * an event time that advances evenly over {@code eventSpanMillis} with up to {@link #JITTER_MILLIS} of disorder, and
 * a value in 0..999. Every system reads the same records from the same topic.
 *
 * <p>As JSON: {@code {"key":"k42","ts":1700000012345,"v":617}}; the Kafka key is the key, the Kafka timestamp the
 * event time.
 */
record Workload(long records, int keys, int partitions, long eventSpanMillis, long seed) {

    /** Event time of record 0; a multiple of every window slide used (10 s), so window starts are easy to compute. */
    static final long EPOCH = 1_700_000_000_000L;
    /** Records trail the even progression by up to this much; watermarks allow {@link #OUT_OF_ORDERNESS_MILLIS}. */
    static final int JITTER_MILLIS = 500;
    static final long OUT_OF_ORDERNESS_MILLIS = 1000;

    Workload {
        if (records < 1 || keys < 1 || partitions < 1 || eventSpanMillis < 1) {
            throw new IllegalArgumentException("records, keys, partitions and event span must be positive");
        }
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
            timestamp = EPOCH + Math.floorDiv(index * eventSpanMillis, records) - random.nextInt(JITTER_MILLIS);
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
