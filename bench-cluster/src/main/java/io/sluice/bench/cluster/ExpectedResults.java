package io.sluice.bench.cluster;

import java.util.Arrays;

/**
 * How many results each scenario must produce for a {@link Workload}, computed from the generated records directly
 * (sorting by key and event time), not by any of the systems measured: a run is only counted when its output has
 * exactly this many records.
 */
final class ExpectedResults {

    /** The stateless scenario keeps records with {@code v % 10 != 0}. */
    static final int FILTER_MODULUS = 10;

    private final long passingFilter;
    /** Per record {@code key << 40 | (ts - epoch + 2^39)}, sorted: every key's event times in order. */
    private final long[] keyTimes;

    ExpectedResults(Workload workload) {
        if (workload.records() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many records to check: " + workload.records());
        }
        keyTimes = new long[(int) workload.records()];
        long passing = 0;
        Workload.Cursor cursor = workload.cursor();
        for (int i = 0; cursor.next(); i++) {
            keyTimes[i] = ((long) cursor.keyIndex() << 40) | (cursor.timestamp() - workload.epoch() + (1L << 39));
            if (cursor.value() % FILTER_MODULUS != 0) {
                passing++;
            }
        }
        passingFilter = passing;
        Arrays.sort(keyTimes);
    }

    long mapFilter() {
        return passingFilter;
    }

    /** Distinct (key, window) pairs for tumbling windows of {@code size}. */
    long tumbling(long size) {
        return sliding(size, size);
    }

    /** Distinct (key, window) pairs for sliding windows: each record is in every window whose start is in (t - size, t]. */
    long sliding(long size, long slide) {
        long count = 0;
        int previousKey = -1;
        long highestStart = Long.MIN_VALUE;
        for (long keyTime : keyTimes) {
            int key = key(keyTime);
            long t = time(keyTime);
            if (key != previousKey) {
                previousKey = key;
                highestStart = Long.MIN_VALUE;
            }
            long lastStart = t - Math.floorMod(t, slide);
            // Times ascend per key, so the windows not yet counted are those starting after the highest counted.
            for (long start = Math.max(lastStart - size + slide, highestStart + slide); start <= lastStart; start += slide) {
                count++;
            }
            highestStart = Math.max(highestStart, lastStart);
        }
        return count;
    }

    /** The sum over keys of 1 + 2 + ... + n for a key's n records: every count a running count per key emits. */
    long runningCountsSum() {
        long sum = 0;
        long run = 0;
        for (int i = 0; i < keyTimes.length; i++) {
            run++;
            if (i + 1 == keyTimes.length || key(keyTimes[i + 1]) != key(keyTimes[i])) {
                sum += run * (run + 1) / 2;
                run = 0;
            }
        }
        return sum;
    }

    /** Sessions: a key's next record starts a new session when it comes more than {@code gap} after the previous one. */
    long sessions(long gap) {
        long count = 0;
        int previousKey = -1;
        long previousTime = 0;
        for (long keyTime : keyTimes) {
            int key = key(keyTime);
            long t = time(keyTime);
            if (key != previousKey || t - previousTime > gap) {
                count++;
            }
            previousKey = key;
            previousTime = t;
        }
        return count;
    }

    private static int key(long keyTime) {
        return (int) (keyTime >>> 40);
    }

    /** Event time relative to the workload's epoch, which is a multiple of every window slide. */
    private static long time(long keyTime) {
        return (keyTime & ((1L << 40) - 1)) - (1L << 39);
    }
}
