package io.sluice.engine.checkpoint;

import java.time.Duration;
import java.util.Objects;

/**
 * How one job is checkpointed.
 *
 * @param interval time between the triggers of two periodic checkpoints
 * @param timeout a checkpoint not complete this long after its trigger fails as "expired"
 * @param minPauseBetweenCheckpoints time from the completion of one checkpoint to the trigger of the next, so that
 *     slow checkpoints cannot take all the job's time
 * @param maxConcurrentCheckpoints checkpoints in flight at once; only 1 is supported
 * @param retainedCheckpoints completed periodic checkpoints kept; older ones are subsumed (savepoints never are)
 * @param mode exactly-once (aligned barriers) or at-least-once
 */
public record CheckpointConfig(
        Duration interval,
        Duration timeout,
        Duration minPauseBetweenCheckpoints,
        int maxConcurrentCheckpoints,
        int retainedCheckpoints,
        CheckpointingMode mode) {

    /** Flink's defaults for what is not the interval. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** Flink's default too ({@code state.checkpoints.num-retained}): a restore only ever needs the latest. */
    public static final int DEFAULT_RETAINED_CHECKPOINTS = 1;

    /** Flink's lower bound for interval and timeout: below it the job would do little else. */
    static final Duration MINIMUM_INTERVAL = Duration.ofMillis(10);

    public CheckpointConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(minPauseBetweenCheckpoints, "minPauseBetweenCheckpoints");
        Objects.requireNonNull(mode, "mode");
        if (interval.compareTo(MINIMUM_INTERVAL) < 0) {
            throw new IllegalArgumentException("checkpoint interval must be at least 10ms: " + interval);
        }
        if (timeout.compareTo(MINIMUM_INTERVAL) < 0) {
            throw new IllegalArgumentException("checkpoint timeout must be at least 10ms: " + timeout);
        }
        if (minPauseBetweenCheckpoints.isNegative()) {
            throw new IllegalArgumentException(
                    "minimum pause between checkpoints must not be negative: " + minPauseBetweenCheckpoints);
        }
        if (maxConcurrentCheckpoints != 1) {
            throw new IllegalArgumentException(
                    "only one concurrent checkpoint is supported, not " + maxConcurrentCheckpoints);
        }
        if (retainedCheckpoints < 1) {
            throw new IllegalArgumentException("at least one checkpoint must be retained: " + retainedCheckpoints);
        }
    }

    /** Exactly-once checkpoints every {@code interval}, with the defaults for everything else (no minimum pause). */
    public static CheckpointConfig every(Duration interval) {
        return new CheckpointConfig(interval, DEFAULT_TIMEOUT, Duration.ZERO, 1, DEFAULT_RETAINED_CHECKPOINTS,
                CheckpointingMode.EXACTLY_ONCE);
    }
}
