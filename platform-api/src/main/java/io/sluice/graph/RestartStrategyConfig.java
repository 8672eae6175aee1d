package io.sluice.graph;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;

/**
 * How a failed job restarts from its latest completed checkpoint (Flink's strategies and defaults). Without one a
 * checkpointed job uses the cluster's default and a job without checkpointing does not restart. Durations are kept
 * in milliseconds so that the plan travels through the control topic as plain numbers.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RestartStrategyConfig.NoRestart.class, name = "none"),
    @JsonSubTypes.Type(value = RestartStrategyConfig.FixedDelay.class, name = "fixed-delay"),
    @JsonSubTypes.Type(value = RestartStrategyConfig.ExponentialDelay.class, name = "exponential-delay"),
    @JsonSubTypes.Type(value = RestartStrategyConfig.FailureRate.class, name = "failure-rate")
})
public sealed interface RestartStrategyConfig {

    /** Fixed delay, 3 attempts, 1 s apart: the default for checkpointed jobs unless the cluster sets another. */
    FixedDelay DEFAULT = new FixedDelay(3, 1000);

    NoRestart NONE = new NoRestart();

    /** The first failure fails the job. */
    record NoRestart() implements RestartStrategyConfig {}

    /** At most {@code attempts} restarts, each {@code delayMillis} after the failure. */
    record FixedDelay(int attempts, long delayMillis) implements RestartStrategyConfig {
        public FixedDelay {
            requireNotNegative(attempts, "attempts");
            requireNotNegative(delayMillis, "delay");
        }

        public Duration delay() {
            return Duration.ofMillis(delayMillis);
        }
    }

    /**
     * Restarts without limit, the delay growing by {@code multiplier} per failure from {@code initialBackoffMillis} up
     * to {@code maxBackoffMillis}, each delay varied at random by ±{@code jitter} of itself; a job that ran
     * {@code resetBackoffThresholdMillis} without failing starts over at the initial delay.
     */
    record ExponentialDelay(long initialBackoffMillis, long maxBackoffMillis, double multiplier,
            long resetBackoffThresholdMillis, double jitter) implements RestartStrategyConfig {

        /** Flink's defaults: 1 s, 5 min, 2.0, 1 h, 0.1. */
        public static final ExponentialDelay DEFAULTS = new ExponentialDelay(1000, 300_000, 2.0, 3_600_000, 0.1);

        public ExponentialDelay {
            if (initialBackoffMillis < 1 || maxBackoffMillis < initialBackoffMillis) {
                throw new IllegalArgumentException("need 0 < initial-backoff <= max-backoff: " + initialBackoffMillis
                        + "ms, " + maxBackoffMillis + "ms");
            }
            if (!(multiplier >= 1.0) || !(jitter >= 0.0 && jitter < 1.0)) {
                throw new IllegalArgumentException(
                        "need backoff-multiplier >= 1 and 0 <= jitter < 1: " + multiplier + ", " + jitter);
            }
            requireNotNegative(resetBackoffThresholdMillis, "reset-backoff-threshold");
        }
    }

    /**
     * Restarts {@code delayMillis} after a failure unless more than {@code maxFailuresPerInterval} failures happened
     * within the last {@code intervalMillis}.
     */
    record FailureRate(int maxFailuresPerInterval, long intervalMillis, long delayMillis)
            implements RestartStrategyConfig {

        /** Flink's defaults: 1 failure per minute, 1 s delay. */
        public static final FailureRate DEFAULTS = new FailureRate(1, 60_000, 1000);

        public FailureRate {
            if (maxFailuresPerInterval < 1 || intervalMillis < 1) {
                throw new IllegalArgumentException("need max-failures-per-interval >= 1 and a positive interval: "
                        + maxFailuresPerInterval + ", " + intervalMillis + "ms");
            }
            requireNotNegative(delayMillis, "delay");
        }
    }

    private static void requireNotNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
    }
}
