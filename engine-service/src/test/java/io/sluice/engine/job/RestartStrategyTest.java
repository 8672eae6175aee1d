package io.sluice.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.testing.ManualClock;
import io.sluice.graph.RestartStrategyConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartStrategyTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void noRestartFailsTheFirstTime() {
        assertThat(RestartStrategy.of(RestartStrategyConfig.NONE).onFailure(clock.instant())).isEmpty();
    }

    @Test
    void fixedDelayRestartsTheGivenTimesAfterTheSameDelay() {
        RestartStrategy strategy = RestartStrategy.of(new RestartStrategyConfig.FixedDelay(2, 1500));

        assertThat(strategy.onFailure(clock.instant())).contains(Duration.ofMillis(1500));
        clock.advance(Duration.ofHours(5));
        assertThat(strategy.onFailure(clock.instant())).contains(Duration.ofMillis(1500));
        assertThat(strategy.onFailure(clock.instant())).isEmpty();
    }

    @Test
    void fixedDelayMayRestartAtOnce() {
        assertThat(RestartStrategy.of(new RestartStrategyConfig.FixedDelay(1, 0)).onFailure(clock.instant()))
                .contains(Duration.ZERO);
    }

    @Test
    void exponentialDelayDoublesUpToTheMaximumAndNeverGivesUp() {
        RestartStrategy strategy = RestartStrategy.of(
                new RestartStrategyConfig.ExponentialDelay(1000, 10_000, 2.0, 3_600_000, 0.0));

        long[] expected = {1000, 2000, 4000, 8000, 10_000, 10_000};
        for (long millis : expected) {
            assertThat(strategy.onFailure(clock.instant())).contains(Duration.ofMillis(millis));
            clock.advance(Duration.ofMinutes(1));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(strategy.onFailure(clock.instant())).contains(Duration.ofMillis(10_000));
        }
    }

    @Test
    void exponentialDelayStartsOverAfterRunningForTheResetThreshold() {
        RestartStrategy strategy = RestartStrategy.of(
                new RestartStrategyConfig.ExponentialDelay(1000, 300_000, 2.0, 3_600_000, 0.0));
        strategy.onFailure(clock.instant());
        clock.advance(Duration.ofMinutes(59));
        assertThat(strategy.onFailure(clock.instant())).contains(Duration.ofMillis(2000));

        clock.advance(Duration.ofHours(1));

        assertThat(strategy.onFailure(clock.instant())).contains(Duration.ofMillis(1000));
    }

    @Test
    void flinksDefaultJitterKeepsEachDelayWithinTenPercent() {
        RestartStrategy strategy = RestartStrategy.of(RestartStrategyConfig.ExponentialDelay.DEFAULTS);
        long base = 1000;
        for (int failure = 1; failure <= 12; failure++) {
            long bounded = Math.min(base, 300_000);
            Optional<Duration> delay = strategy.onFailure(clock.instant());
            assertThat(delay).hasValueSatisfying(d -> assertThat(d.toMillis())
                    .isBetween((long) (bounded * 0.9) - 1, (long) (bounded * 1.1) + 1));
            base *= 2;
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void failureRateFailsOnTheFailureBeyondTheLimitWithinTheInterval() {
        RestartStrategy strategy = RestartStrategy.of(new RestartStrategyConfig.FailureRate(2, 60_000, 500));

        assertThat(strategy.onFailure(clock.instant())).contains(Duration.ofMillis(500));
        clock.advance(Duration.ofSeconds(30));
        assertThat(strategy.onFailure(clock.instant())).contains(Duration.ofMillis(500));
        clock.advance(Duration.ofSeconds(30));
        // Exactly one interval after the first failure: it still counts, three within the minute.
        assertThat(strategy.onFailure(clock.instant())).isEmpty();
    }

    @Test
    void failureRateForgetsFailuresOlderThanTheInterval() {
        RestartStrategy strategy = RestartStrategy.of(new RestartStrategyConfig.FailureRate(1, 60_000, 500));
        strategy.onFailure(clock.instant());
        clock.advance(Duration.ofSeconds(61));

        assertThat(strategy.onFailure(clock.instant())).contains(Duration.ofMillis(500));
        clock.advance(Duration.ofSeconds(10));
        assertThat(strategy.onFailure(clock.instant())).isEmpty();
    }
}
