package io.sluice.engine.config;

import io.sluice.graph.RestartStrategyConfig;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cluster's default restart strategy for checkpointed jobs whose spec names none
 * ({@code sluice.engine.restart-strategy.*}): the spec's fields under Flink's names, with Flink's defaults.
 */
public record RestartStrategyProperties(
        @DefaultValue("fixed-delay") Type type,
        @DefaultValue("3") int attempts,
        @DefaultValue("1s") Duration delay,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("2.0") double backoffMultiplier,
        @DefaultValue("1h") Duration resetBackoffThreshold,
        @DefaultValue("0.1") double jitter,
        @DefaultValue("1") int maxFailuresPerInterval,
        @DefaultValue("1m") Duration failureRateInterval) {

    public enum Type { NONE, FIXED_DELAY, EXPONENTIAL_DELAY, FAILURE_RATE }

    /** @throws IllegalArgumentException naming the bad value */
    public RestartStrategyConfig toConfig() {
        return switch (type) {
            case NONE -> RestartStrategyConfig.NONE;
            case FIXED_DELAY -> new RestartStrategyConfig.FixedDelay(attempts, delay.toMillis());
            case EXPONENTIAL_DELAY -> new RestartStrategyConfig.ExponentialDelay(initialBackoff.toMillis(),
                    maxBackoff.toMillis(), backoffMultiplier, resetBackoffThreshold.toMillis(), jitter);
            case FAILURE_RATE -> new RestartStrategyConfig.FailureRate(maxFailuresPerInterval,
                    failureRateInterval.toMillis(), delay.toMillis());
        };
    }
}
