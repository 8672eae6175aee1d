package io.sluice.engine.job;

import io.github.resilience4j.core.IntervalFunction;
import io.sluice.graph.RestartStrategyConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Decides, failure by failure, whether a job restarts and after which delay (Flink's restart strategies). The delays
 * come from resilience4j's {@link IntervalFunction}s; the limits (attempts, failure rate, backoff reset) are counted
 * here against the times the caller passes, so tests drive them with a manual clock. One instance per job; job
 * manager thread only. A restarted engine starts the count afresh.
 */
public sealed interface RestartStrategy {

    /** A failure at {@code now}: the delay before the next attempt, or empty when the job must fail. */
    Optional<Duration> onFailure(Instant now);

    static RestartStrategy of(RestartStrategyConfig config) {
        if (config instanceof RestartStrategyConfig.FixedDelay fixed) {
            return new FixedDelay(fixed);
        } else if (config instanceof RestartStrategyConfig.ExponentialDelay exponential) {
            return new ExponentialDelay(exponential);
        } else if (config instanceof RestartStrategyConfig.FailureRate rate) {
            return new FailureRate(rate);
        }
        return new NoRestart();
    }

    /** resilience4j refuses intervals under 1 ms; a zero delay (restart at once) is allowed here. */
    private static IntervalFunction constant(Duration delay) {
        return delay.isZero() ? attempt -> 0L : IntervalFunction.of(delay);
    }

    /** Every failure fails the job. */
    final class NoRestart implements RestartStrategy {
        @Override
        public Optional<Duration> onFailure(Instant now) {
            return Optional.empty();
        }
    }

    /** At most {@code attempts} restarts, all after the same delay. */
    final class FixedDelay implements RestartStrategy {
        private final int attempts;
        private final IntervalFunction delays;
        private int failures;

        FixedDelay(RestartStrategyConfig.FixedDelay config) {
            this.attempts = config.attempts();
            this.delays = constant(config.delay());
        }

        @Override
        public Optional<Duration> onFailure(Instant now) {
            failures++;
            return failures > attempts ? Optional.empty() : Optional.of(Duration.ofMillis(delays.apply(failures)));
        }
    }

    /**
     * Unlimited restarts; the n-th failure since the last reset waits initial × multiplier^(n-1), at most the maximum,
     * varied by the jitter. A failure more than the reset threshold after the previous one starts over at n = 1.
     */
    final class ExponentialDelay implements RestartStrategy {
        private final Duration resetThreshold;
        private final IntervalFunction delays;
        private int failuresSinceReset;
        private Instant lastFailure;

        ExponentialDelay(RestartStrategyConfig.ExponentialDelay config) {
            this.resetThreshold = Duration.ofMillis(config.resetBackoffThresholdMillis());
            Duration initial = Duration.ofMillis(config.initialBackoffMillis());
            Duration max = Duration.ofMillis(config.maxBackoffMillis());
            this.delays = config.jitter() == 0.0
                    ? IntervalFunction.ofExponentialBackoff(initial, config.multiplier(), max)
                    : IntervalFunction.ofExponentialRandomBackoff(initial, config.multiplier(), config.jitter(), max);
        }

        @Override
        public Optional<Duration> onFailure(Instant now) {
            if (lastFailure != null && Duration.between(lastFailure, now).compareTo(resetThreshold) >= 0) {
                failuresSinceReset = 0;
            }
            lastFailure = now;
            failuresSinceReset++;
            return Optional.of(Duration.ofMillis(delays.apply(failuresSinceReset)));
        }
    }

    /** Restarts after a fixed delay unless more than the allowed failures fell within the interval up to now. */
    final class FailureRate implements RestartStrategy {
        private final int maxFailures;
        private final Duration interval;
        private final IntervalFunction delays;
        private final Deque<Instant> failures = new ArrayDeque<>();

        FailureRate(RestartStrategyConfig.FailureRate config) {
            this.maxFailures = config.maxFailuresPerInterval();
            this.interval = Duration.ofMillis(config.intervalMillis());
            this.delays = constant(Duration.ofMillis(config.delayMillis()));
        }

        @Override
        public Optional<Duration> onFailure(Instant now) {
            failures.addLast(now);
            while (Duration.between(failures.peekFirst(), now).compareTo(interval) > 0) {
                failures.removeFirst();
            }
            return failures.size() > maxFailures
                    ? Optional.empty()
                    : Optional.of(Duration.ofMillis(delays.apply(failures.size())));
        }
    }
}
