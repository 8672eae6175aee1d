package io.sluice.graph;

import java.time.Duration;

/**
 * How a failed job restarts: fixed delay, at most {@code attempts} times, {@code delayMillis} apart. Without it a
 * checkpointed job uses {@link #DEFAULT} and a job without checkpointing does not restart (Flink does the same).
 */
public record RestartStrategyConfig(int attempts, long delayMillis) {

    public static final RestartStrategyConfig DEFAULT = new RestartStrategyConfig(3, 1000);
    public static final RestartStrategyConfig NONE = new RestartStrategyConfig(0, 0);

    public RestartStrategyConfig {
        if (attempts < 0 || delayMillis < 0) {
            throw new IllegalArgumentException("restart attempts and delay must not be negative: " + attempts + ", "
                    + delayMillis + "ms");
        }
    }

    public Duration delay() {
        return Duration.ofMillis(delayMillis);
    }
}
