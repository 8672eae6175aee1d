package io.sluice.graph;

import java.time.Duration;

/**
 * How a job is checkpointed; absent (null in {@link JobConfig}) means checkpointing is off. Durations are kept in
 * milliseconds so that the plan travels through the control topic as plain numbers.
 *
 * @param intervalMillis time between two checkpoint triggers
 * @param mode whether tasks with several input channels align barriers
 * @param timeoutMillis a checkpoint not complete this long after its trigger fails (the job goes on)
 */
public record CheckpointingConfig(long intervalMillis, Mode mode, long timeoutMillis) {

    /** Flink's default checkpoint timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** Below this a job would do little but checkpoint (Flink's bound too). */
    public static final Duration MINIMUM = Duration.ofMillis(10);

    public enum Mode {
        /** Barriers are aligned: every record is reflected exactly once in the snapshot. */
        EXACTLY_ONCE,
        /** No alignment: lower latency, but after a restore some records are applied twice. */
        AT_LEAST_ONCE
    }

    public CheckpointingConfig {
        if (mode == null) {
            throw new IllegalArgumentException("checkpointing mode is required");
        }
        if (intervalMillis < MINIMUM.toMillis() || timeoutMillis < MINIMUM.toMillis()) {
            throw new IllegalArgumentException("checkpoint interval and timeout must be at least 10ms: "
                    + intervalMillis + "ms, " + timeoutMillis + "ms");
        }
    }

    public static CheckpointingConfig of(Duration interval, Mode mode) {
        return new CheckpointingConfig(interval.toMillis(), mode, DEFAULT_TIMEOUT.toMillis());
    }

    public Duration interval() {
        return Duration.ofMillis(intervalMillis);
    }

    public Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }
}
