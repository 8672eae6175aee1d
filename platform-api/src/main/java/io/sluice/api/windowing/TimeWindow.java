package io.sluice.api.windowing;

/**
 * The half-open time interval {@code [start, end)} in epoch milliseconds.
 *
 * @param start first timestamp in the window
 * @param end first timestamp after the window
 */
public record TimeWindow(long start, long end) implements Window {

    /** {@code end - 1}. */
    @Override
    public long maxTimestamp() {
        return end - 1;
    }

    /** Whether the windows overlap or touch ({@code [0,3)} and {@code [3,6)} do): session windows then merge. */
    public boolean intersects(TimeWindow other) {
        return start <= other.end && end >= other.start;
    }

    /** The smallest window containing both. */
    public TimeWindow cover(TimeWindow other) {
        return new TimeWindow(Math.min(start, other.start), Math.max(end, other.end));
    }

    /**
     * The start of the window of {@code size} (aligned to {@code offset}) that contains {@code timestamp}:
     * {@code timestamp - (timestamp - offset + size) % size}, which also holds for negative timestamps.
     */
    public static long startOf(long timestamp, long offset, long size) {
        long remainder = (timestamp - offset + size) % size;
        return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
    }
}
