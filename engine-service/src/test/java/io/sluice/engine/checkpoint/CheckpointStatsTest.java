package io.sluice.engine.checkpoint;

import static io.sluice.engine.checkpoint.CheckpointFixtures.PLAN;
import static io.sluice.engine.checkpoint.CheckpointFixtures.SOURCE_0;
import static io.sluice.engine.checkpoint.CheckpointFixtures.T0;
import static io.sluice.engine.checkpoint.CheckpointFixtures.TASKS;
import static io.sluice.engine.checkpoint.CheckpointFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.testing.ManualClock;
import io.sluice.protocol.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Statistics as the coordinator reports them while checkpoints run. */
class CheckpointStatsTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock(T0);
    private final CheckpointCoordinator coordinator = new CheckpointCoordinator(
            config(INTERVAL, Duration.ofSeconds(5), Duration.ZERO, 3), PLAN,
            new InMemoryCompletedCheckpointStore(), new InMemoryCheckpointIdCounter());

    @Test
    void startsEmpty() {
        CheckpointStatsSnapshot stats = coordinator.stats();

        assertThat(stats.counts()).isEqualTo(new CheckpointStatsSnapshot.Counts(0, 0, 0, 0, 0));
        assertThat(stats.summary().stateSize()).isEqualTo(StatsSummary.EMPTY);
        assertThat(stats.latest().completed()).isEmpty();
        assertThat(stats.latest().failed()).isEmpty();
        assertThat(stats.history()).isEmpty();
    }

    @Test
    void aCheckpointInProgressShowsItsAcknowledgementsSoFar() {
        coordinator.start(clock.instant());
        long id = trigger();
        clock.advance(Duration.ofMillis(700));
        coordinator.acknowledge(SOURCE_0, id, new SubtaskStateHandle("file:///a", 400, 40), clock.instant());

        CheckpointStatsSnapshot stats = coordinator.stats();

        assertThat(stats.counts()).isEqualTo(new CheckpointStatsSnapshot.Counts(1, 1, 0, 0, 0));
        assertThat(stats.history()).singleElement().satisfies(entry -> {
            assertThat(entry.checkpointId()).isEqualTo(id);
            assertThat(entry.status()).isEqualTo(CheckpointStatsEntry.Status.IN_PROGRESS);
            assertThat(entry.isSavepoint()).isFalse();
            assertThat(entry.triggerTimestamp()).isEqualTo(T0.plus(INTERVAL));
            assertThat(entry.latestAcknowledgement()).contains(T0.plus(INTERVAL).plusMillis(700));
            assertThat(entry.endToEndDuration()).isEqualTo(Duration.ofMillis(700));
            assertThat(entry.stateSize()).isEqualTo(400);
            assertThat(entry.incrementalSize()).isEqualTo(40);
            assertThat(entry.numSubtasks()).isEqualTo(3);
            assertThat(entry.numAcknowledgedSubtasks()).isEqualTo(1);
            assertThat(entry.failure()).isEmpty();
        });
    }

    @Test
    void historyKeepsTheTenMostRecentNewestFirstWhileCountsCoverAll() {
        coordinator.start(clock.instant());
        for (int i = 0; i < 11; i++) {
            complete(trigger(), Duration.ofMillis(100));
        }
        long failing = trigger();
        clock.advance(Duration.ofSeconds(5));
        coordinator.onTick(clock.instant()); // expires checkpoint 12

        CheckpointStatsSnapshot stats = coordinator.stats();

        assertThat(stats.counts()).isEqualTo(new CheckpointStatsSnapshot.Counts(12, 0, 11, 1, 0));
        assertThat(stats.history()).extracting(CheckpointStatsEntry::checkpointId)
                .containsExactly(12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L);
        assertThat(stats.history().get(0).status()).isEqualTo(CheckpointStatsEntry.Status.FAILED);
        assertThat(stats.history().subList(1, 10)).extracting(CheckpointStatsEntry::status)
                .containsOnly(CheckpointStatsEntry.Status.COMPLETED);
        assertThat(stats.latest().completed()).hasValueSatisfying(e -> assertThat(e.checkpointId()).isEqualTo(11));
        assertThat(stats.latest().failed()).hasValueSatisfying(e -> {
            assertThat(e.checkpointId()).isEqualTo(failing);
            assertThat(e.failure().orElseThrow().reason()).isEqualTo("expired");
        });
    }

    @Test
    void summaryCoversEveryCompletedCheckpoint() {
        coordinator.start(clock.instant());
        // Durations 1..100 ms; state size of checkpoint n is 3 × n × 1000 + 3 (see CheckpointFixtures.handle).
        for (long millis = 1; millis <= 100; millis++) {
            complete(trigger(), Duration.ofMillis(millis));
        }

        CheckpointStatsSnapshot.Summary summary = coordinator.stats().summary();

        assertThat(summary.endToEndDurationMillis())
                .isEqualTo(new StatsSummary(100, 1, 100, 50.5, 50, 90, 95, 99, 100));
        double averageStateSize = LongStream.rangeClosed(1, 100).map(n -> 3_000 * n + 3).average().orElseThrow();
        assertThat(summary.stateSize().count()).isEqualTo(100);
        assertThat(summary.stateSize().min()).isEqualTo(3_003);
        assertThat(summary.stateSize().max()).isEqualTo(300_003);
        assertThat(summary.stateSize().average()).isEqualTo(averageStateSize);
        long largestIncrement = LongStream.range(0, 3).map(task -> (100_000 + task) / 10).sum();
        assertThat(summary.incrementalSize().max()).isEqualTo(largestIncrement);
    }

    /** Advances to the next periodic trigger. @return its id */
    private long trigger() {
        clock.advance(INTERVAL);
        return coordinator.onTick(clock.instant()).trigger().orElseThrow().checkpointId();
    }

    private void complete(long checkpointId, Duration after) {
        Instant triggered = clock.instant();
        clock.advance(after);
        for (TaskId task : TASKS) {
            coordinator.acknowledge(task, checkpointId, CheckpointFixtures.handle(task, checkpointId), clock.instant());
        }
        assertThat(coordinator.stats().latest().completed().orElseThrow().endToEndDuration())
                .isEqualTo(Duration.between(triggered, clock.instant()));
        assertThat(coordinator.pending()).isEmpty();
    }
}
