package io.sluice.engine.checkpoint;

/**
 * A summary of one measure over completed checkpoints, shaped like Flink's: count, min, max and average over all
 * of them, quantiles (nearest rank) over the most recent ones. All zero when nothing completed yet.
 */
public record StatsSummary(
        long count, long min, long max, double average, long p50, long p90, long p95, long p99, long p999) {

    public static final StatsSummary EMPTY = new StatsSummary(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
