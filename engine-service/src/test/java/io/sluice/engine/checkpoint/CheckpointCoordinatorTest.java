package io.sluice.engine.checkpoint;

import static io.sluice.engine.checkpoint.CheckpointFixtures.JOB;
import static io.sluice.engine.checkpoint.CheckpointFixtures.PLAN;
import static io.sluice.engine.checkpoint.CheckpointFixtures.SINK;
import static io.sluice.engine.checkpoint.CheckpointFixtures.SOURCE_0;
import static io.sluice.engine.checkpoint.CheckpointFixtures.SOURCE_1;
import static io.sluice.engine.checkpoint.CheckpointFixtures.T0;
import static io.sluice.engine.checkpoint.CheckpointFixtures.TASKS;
import static io.sluice.engine.checkpoint.CheckpointFixtures.config;
import static io.sluice.engine.checkpoint.CheckpointFixtures.handle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.sluice.engine.testing.ManualClock;
import io.sluice.protocol.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointCoordinatorTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration LONG_TIMEOUT = Duration.ofMinutes(10);
    private static final String SAVEPOINT_DIR = "file:///savepoints/wordcount";

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryCompletedCheckpointStore store = new InMemoryCompletedCheckpointStore();
    private final InMemoryCheckpointIdCounter ids = new InMemoryCheckpointIdCounter();
    private CheckpointCoordinator coordinator = started(config(INTERVAL, LONG_TIMEOUT, Duration.ZERO, 3));

    // --- periodic triggering

    @Test
    void firstCheckpointIsTriggeredOneIntervalAfterStartAtTheSources() {
        assertThat(tickAfter(Duration.ofMillis(9_999)).trigger()).isEmpty();

        CheckpointTrigger trigger = tickAfter(Duration.ofMillis(1)).trigger().orElseThrow();

        assertThat(trigger.jobId()).isEqualTo(JOB);
        assertThat(trigger.checkpointId()).isEqualTo(1);
        assertThat(trigger.timestamp()).isEqualTo(T0.plus(INTERVAL));
        assertThat(trigger.type()).isEqualTo(CheckpointType.PERIODIC);
        assertThat(trigger.mode()).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(trigger.sources()).containsExactly(SOURCE_0, SOURCE_1);
    }

    @Test
    void nextCheckpointIsDueOneIntervalAfterThePreviousTrigger() {
        long first = triggerAfter(INTERVAL);
        clock.advance(Duration.ofMillis(500));
        acknowledgeAll(first);

        assertThat(tickAfter(Duration.ofMillis(9_499)).trigger()).isEmpty();
        CheckpointTrigger second = tickAfter(Duration.ofMillis(1)).trigger().orElseThrow();

        assertThat(second.checkpointId()).isEqualTo(2);
        assertThat(second.timestamp()).isEqualTo(T0.plus(INTERVAL).plus(INTERVAL));
    }

    @Test
    void minimumPauseCountsFromTheCompletionOfASlowCheckpoint() {
        coordinator = started(config(INTERVAL, LONG_TIMEOUT, Duration.ofSeconds(4), 3));
        long first = triggerAfter(INTERVAL); // t = 10 s
        clock.advance(Duration.ofSeconds(8));
        acknowledgeAll(first); // completes at t = 18 s: the next may not start before 22 s

        assertThat(tickAfter(Duration.ofSeconds(2)).trigger()).isEmpty(); // 20 s: interval passed, pause not
        assertThat(tickAfter(Duration.ofMillis(1_999)).trigger()).isEmpty();
        CheckpointTrigger next = tickAfter(Duration.ofMillis(1)).trigger().orElseThrow();

        assertThat(next.timestamp()).isEqualTo(T0.plusSeconds(22));
    }

    @Test
    void onlyOneCheckpointIsInFlight() {
        long first = triggerAfter(INTERVAL);

        for (int i = 0; i < 5; i++) {
            assertThat(tickAfter(INTERVAL).trigger()).isEmpty();
        }
        assertThat(coordinator.pending()).map(PendingCheckpoint::checkpointId).contains(first);
        assertThat(coordinator.stats().counts().triggered()).isEqualTo(1);
    }

    @Test
    void nothingIsTriggeredBeforeStart() {
        coordinator = new CheckpointCoordinator(config(INTERVAL, LONG_TIMEOUT, Duration.ZERO, 3), PLAN, store, ids);

        assertThat(tickAfter(INTERVAL.multipliedBy(3))).isEqualTo(new TickOutcome(Optional.empty(), Optional.empty()));
        assertThat(coordinator.isStarted()).isFalse();
    }

    // --- acknowledgements

    @Test
    void completesOnlyWhenEveryTaskAcknowledged() {
        long id = triggerAfter(INTERVAL);
        clock.advance(Duration.ofMillis(300));

        assertThat(ack(SOURCE_0, id)).isEqualTo(new AckOutcome.Recorded(id, 2));
        assertThat(ack(SOURCE_1, id)).isEqualTo(new AckOutcome.Recorded(id, 1));
        assertThat(store.latest()).isEmpty();
        clock.advance(Duration.ofMillis(200));
        AckOutcome last = ack(SINK, id);

        CompletedCheckpoint completed = ((AckOutcome.Completed) last).checkpoint();
        assertThat(completed.jobId()).isEqualTo(JOB);
        assertThat(completed.checkpointId()).isEqualTo(id);
        assertThat(completed.triggerTimestamp()).isEqualTo(T0.plus(INTERVAL));
        assertThat(completed.completionTimestamp()).isEqualTo(T0.plus(INTERVAL).plusMillis(500));
        assertThat(completed.isSavepoint()).isFalse();
        assertThat(completed.externalPath()).isEmpty();
        assertThat(completed.states()).containsExactly(entry(SOURCE_0, handle(SOURCE_0, id)),
                entry(SOURCE_1, handle(SOURCE_1, id)), entry(SINK, handle(SINK, id)));
        assertThat(completed.stateSize()).isEqualTo(3 * 1_000 * id + 0 + 1 + 2);
        assertThat(store.latest()).contains(completed);
        assertThat(coordinator.pending()).isEmpty();
    }

    static Stream<List<TaskId>> ackOrders() {
        return permutations(TASKS).stream();
    }

    @ParameterizedTest
    @MethodSource("ackOrders")
    void acknowledgementsInAnyOrderCompleteExactlyOnce(List<TaskId> order) {
        long id = triggerAfter(INTERVAL);
        List<AckOutcome> outcomes = new ArrayList<>();
        for (TaskId task : order) {
            outcomes.add(ack(task, id));
        }
        for (TaskId task : order) { // every task retries: nothing completes a second time
            outcomes.add(ack(task, id));
        }

        assertThat(outcomes.subList(0, 2)).allMatch(AckOutcome.Recorded.class::isInstance);
        assertThat(outcomes.get(2)).isInstanceOf(AckOutcome.Completed.class);
        assertThat(outcomes.subList(3, 6)).allMatch(IgnoredMessage.class::isInstance);
        assertThat(store.all()).hasSize(1);
        assertThat(store.latest().orElseThrow().states()).containsOnlyKeys(TASKS);
        assertThat(coordinator.stats().counts().completed()).isEqualTo(1);
    }

    @Test
    void duplicateAcknowledgementIsIgnoredAndKeepsTheFirstHandle() {
        long id = triggerAfter(INTERVAL);
        ack(SOURCE_0, id);

        AckOutcome again = coordinator.acknowledge(SOURCE_0, id,
                new SubtaskStateHandle("file:///elsewhere", 1, 1), clock.instant());

        assertThat(again).isInstanceOf(IgnoredMessage.class);
        assertThat(((IgnoredMessage) again).reason()).contains("duplicate");
        assertThat(coordinator.pending().orElseThrow().numAcknowledged()).isEqualTo(1);
        ack(SOURCE_1, id);
        ack(SINK, id);
        assertThat(store.latest().orElseThrow().states().get(SOURCE_0)).isEqualTo(handle(SOURCE_0, id));
    }

    @Test
    void lateAndNeverTriggeredAcknowledgementsAreIgnored() {
        long first = triggerAfter(INTERVAL);
        acknowledgeAll(first);
        long second = triggerAfter(INTERVAL);

        AckOutcome late = ack(SINK, first);
        AckOutcome unknown = ack(SINK, second + 1);

        assertThat(late).isInstanceOf(IgnoredMessage.class);
        assertThat(((IgnoredMessage) late).reason()).contains("checkpoint " + first + " is over");
        assertThat(unknown).isInstanceOf(IgnoredMessage.class);
        assertThat(((IgnoredMessage) unknown).reason()).contains("never triggered");
        assertThat(coordinator.pending().orElseThrow().numAcknowledged()).isZero();
    }

    @Test
    void acknowledgementFromATaskOutsideThePlanIsIgnored() {
        long id = triggerAfter(INTERVAL);
        TaskId stranger = new TaskId(JOB, "sink", 1);

        AckOutcome outcome = ack(stranger, id);

        assertThat(outcome).isInstanceOf(IgnoredMessage.class);
        assertThat(((IgnoredMessage) outcome).reason()).contains("not a task of job");
        assertThat(coordinator.pending().orElseThrow().notYetAcknowledged()).containsExactlyElementsOf(TASKS);
        ack(SOURCE_0, id);
        ack(SOURCE_1, id);
        assertThat(ack(SINK, id)).isInstanceOf(AckOutcome.Completed.class);
    }

    // --- failures

    @Test
    void timeoutExpiresThePendingCheckpointAndTheNextOneIsTriggeredOnSchedule() {
        coordinator = started(config(INTERVAL, Duration.ofSeconds(5), Duration.ZERO, 3));
        long id = triggerAfter(INTERVAL); // t = 10 s, expires at 15 s
        ack(SOURCE_0, id);

        assertThat(tickAfter(Duration.ofMillis(4_999)).expired()).isEmpty();
        TickOutcome atDeadline = tickAfter(Duration.ofMillis(1));

        CheckpointFailure failure = atDeadline.expired().orElseThrow();
        assertThat(failure.checkpointId()).isEqualTo(id);
        assertThat(failure.cause()).isEqualTo(CheckpointFailure.Cause.EXPIRED);
        assertThat(failure.reason()).isEqualTo("expired");
        assertThat(failure.failureTimestamp()).isEqualTo(T0.plusSeconds(15));
        assertThat(atDeadline.trigger()).isEmpty();
        assertThat(coordinator.stats().counts().failed()).isEqualTo(1);
        assertThat(coordinator.stats().latest().failed()).hasValueSatisfying(entry -> {
            assertThat(entry.checkpointId()).isEqualTo(id);
            assertThat(entry.numAcknowledgedSubtasks()).isEqualTo(1);
            assertThat(entry.endToEndDuration()).isEqualTo(Duration.ofSeconds(5));
        });
        assertThat(ack(SOURCE_1, id)).isInstanceOf(IgnoredMessage.class);

        assertThat(tickAfter(Duration.ofMillis(4_999)).trigger()).isEmpty();
        assertThat(tickAfter(Duration.ofMillis(1)).trigger())
                .hasValueSatisfying(next -> assertThat(next.checkpointId()).isEqualTo(id + 1));
    }

    @Test
    void declineFailsThePendingCheckpointWithoutFailingTheJob() {
        long id = triggerAfter(INTERVAL);
        ack(SOURCE_0, id);
        clock.advance(Duration.ofSeconds(2));

        DeclineOutcome outcome = coordinator.decline(SINK, id, "disk full", clock.instant());

        CheckpointFailure failure = ((DeclineOutcome.Failed) outcome).failure();
        assertThat(failure.checkpointId()).isEqualTo(id);
        assertThat(failure.cause()).isEqualTo(CheckpointFailure.Cause.DECLINED);
        assertThat(failure.reason()).isEqualTo("declined by " + SINK + ": disk full");
        assertThat(coordinator.pending()).isEmpty();
        assertThat(coordinator.isStarted()).isTrue();
        assertThat(coordinator.stats().counts().failed()).isEqualTo(1);
        assertThat(ack(SOURCE_1, id)).isInstanceOf(IgnoredMessage.class);
        assertThat(coordinator.decline(SINK, id, "again", clock.instant())).isInstanceOf(IgnoredMessage.class);

        assertThat(tickAfter(Duration.ofMillis(7_999)).trigger()).isEmpty();
        assertThat(tickAfter(Duration.ofMillis(1)).trigger())
                .hasValueSatisfying(next -> assertThat(next.checkpointId()).isEqualTo(id + 1));
    }

    @Test
    void declineFromATaskOutsideThePlanIsIgnored() {
        long id = triggerAfter(INTERVAL);

        assertThat(coordinator.decline(new TaskId(JOB, "other", 0), id, "no", clock.instant()))
                .isInstanceOf(IgnoredMessage.class);
        assertThat(coordinator.pending()).isPresent();
    }

    @Test
    void abortAllFailsTheCheckpointInFlightDropsTheQueuedSavepointAndStopsUntilRestart() {
        long id = triggerAfter(INTERVAL);
        coordinator.triggerSavepoint(clock.instant(), SAVEPOINT_DIR);

        AbortOutcome outcome = coordinator.abortAll("task " + SINK + " failed", clock.instant());

        assertThat(outcome.failed()).hasValueSatisfying(f -> {
            assertThat(f.checkpointId()).isEqualTo(id);
            assertThat(f.cause()).isEqualTo(CheckpointFailure.Cause.ABORTED);
            assertThat(f.reason()).isEqualTo("task " + SINK + " failed");
        });
        assertThat(outcome.droppedSavepoint()).contains(new CheckpointType.Savepoint(SAVEPOINT_DIR));
        assertThat(coordinator.isStarted()).isFalse();
        assertThat(tickAfter(INTERVAL.multipliedBy(3)).trigger()).isEmpty();

        coordinator.start(clock.instant());
        assertThat(tickAfter(INTERVAL).trigger())
                .hasValueSatisfying(next -> assertThat(next.checkpointId()).isEqualTo(id + 1));
    }

    // --- savepoints

    @Test
    void savepointStartsAtOnceWithoutWaitingForTheInterval() {
        clock.advance(Duration.ofSeconds(1));

        SavepointOutcome outcome = coordinator.triggerSavepoint(clock.instant(), SAVEPOINT_DIR);

        CheckpointTrigger trigger = ((SavepointOutcome.Triggered) outcome).trigger();
        assertThat(trigger.type()).isEqualTo(new CheckpointType.Savepoint(SAVEPOINT_DIR));
        CompletedCheckpoint savepoint = acknowledgeAll(trigger.checkpointId());
        assertThat(savepoint.isSavepoint()).isTrue();
        assertThat(savepoint.externalPath()).contains(SAVEPOINT_DIR);
        assertThat(coordinator.stats().latest().savepoint())
                .hasValueSatisfying(e -> assertThat(e.checkpointId()).isEqualTo(trigger.checkpointId()));
        assertThat(coordinator.stats().latest().completed()).isEmpty();
    }

    @Test
    void savepointQueuesBehindAPeriodicCheckpointAndSkipsTheMinimumPause() {
        coordinator = started(config(INTERVAL, LONG_TIMEOUT, Duration.ofSeconds(4), 3));
        long periodic = triggerAfter(INTERVAL);

        assertThat(coordinator.triggerSavepoint(clock.instant(), SAVEPOINT_DIR))
                .isEqualTo(new SavepointOutcome.Queued(periodic));
        assertThat(coordinator.triggerSavepoint(clock.instant(), "file:///other"))
                .isInstanceOf(SavepointOutcome.Refused.class);
        clock.advance(Duration.ofSeconds(1));
        acknowledgeAll(periodic);

        CheckpointTrigger savepoint = tickAfter(Duration.ofMillis(100)).trigger().orElseThrow();
        assertThat(savepoint.checkpointId()).isEqualTo(periodic + 1);
        assertThat(savepoint.type().targetDirectory()).contains(SAVEPOINT_DIR);
        assertThat(coordinator.queuedSavepoint()).isEmpty();
    }

    @Test
    void secondSavepointIsRefusedWhileOneIsInFlightAndAnyBeforeStart() {
        coordinator.triggerSavepoint(clock.instant(), SAVEPOINT_DIR);

        SavepointOutcome second = coordinator.triggerSavepoint(clock.instant(), SAVEPOINT_DIR);

        assertThat(second).isInstanceOf(SavepointOutcome.Refused.class);
        assertThat(((SavepointOutcome.Refused) second).reason()).contains("savepoint 1 is in progress");
        CheckpointCoordinator stopped =
                new CheckpointCoordinator(CheckpointConfig.every(INTERVAL), PLAN, store, ids);
        assertThat(stopped.triggerSavepoint(clock.instant(), SAVEPOINT_DIR))
                .isInstanceOf(SavepointOutcome.Refused.class);
    }

    @Test
    void aSavepointResetsThePeriodicSchedule() {
        clock.advance(Duration.ofSeconds(6));
        long savepoint = ((SavepointOutcome.Triggered) coordinator.triggerSavepoint(clock.instant(), SAVEPOINT_DIR))
                .trigger().checkpointId();
        acknowledgeAll(savepoint);

        assertThat(tickAfter(Duration.ofMillis(9_999)).trigger()).isEmpty();
        assertThat(tickAfter(Duration.ofMillis(1)).trigger()).isPresent();
    }

    // --- retention, ids, restore

    @Test
    void completionReportsTheSubsumedCheckpointsAndKeepsSavepoints() {
        coordinator = started(config(INTERVAL, LONG_TIMEOUT, Duration.ZERO, 2));
        acknowledgeAll(triggerAfter(INTERVAL)); // 1
        long savepoint = ((SavepointOutcome.Triggered) coordinator.triggerSavepoint(clock.instant(), SAVEPOINT_DIR))
                .trigger().checkpointId(); // 2
        acknowledgeAll(savepoint);
        acknowledgeAll(triggerAfter(INTERVAL)); // 3

        long fourth = triggerAfter(INTERVAL);
        ack(SOURCE_0, fourth);
        ack(SOURCE_1, fourth);
        AckOutcome.Completed completed = (AckOutcome.Completed) ack(SINK, fourth);

        assertThat(completed.subsumed()).extracting(CompletedCheckpoint::checkpointId).containsExactly(1L);
        assertThat(store.all()).extracting(CompletedCheckpoint::checkpointId).containsExactly(2L, 3L, 4L);
    }

    @Test
    void idsKeepIncreasingAcrossANewCoordinatorOnTheSameStoreAndCounter() {
        acknowledgeAll(triggerAfter(INTERVAL)); // 1 completes
        triggerAfter(INTERVAL); // 2 is in flight when the coordinator goes away
        coordinator.abortAll("engine restart", clock.instant());

        coordinator = started(CheckpointConfig.every(INTERVAL));
        assertThat(triggerAfter(INTERVAL)).isEqualTo(3);
    }

    @Test
    void aCounterSeededFromTheStoreContinuesAfterTheNewestStoredCheckpoint() {
        acknowledgeAll(triggerAfter(INTERVAL));
        acknowledgeAll(triggerAfter(INTERVAL));

        coordinator = new CheckpointCoordinator(CheckpointConfig.every(INTERVAL), PLAN, store,
                InMemoryCheckpointIdCounter.continuingAfter(store));
        coordinator.start(clock.instant());

        assertThat(triggerAfter(INTERVAL)).isEqualTo(3);
    }

    @Test
    void aCounterThatWouldReuseAStoredIdIsRefused() {
        acknowledgeAll(triggerAfter(INTERVAL));
        acknowledgeAll(triggerAfter(INTERVAL));
        CheckpointCoordinator fresh = new CheckpointCoordinator(
                CheckpointConfig.every(INTERVAL), PLAN, store, new InMemoryCheckpointIdCounter());
        fresh.start(clock.instant());
        clock.advance(INTERVAL);

        assertThatThrownBy(() -> fresh.onTick(clock.instant()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gave 1 after 2");
    }

    @Test
    void restoreLatestReturnsTheNewestCheckpointAndCountsTheRestore() {
        assertThat(coordinator.restoreLatest(clock.instant())).isEmpty();
        acknowledgeAll(triggerAfter(INTERVAL));
        CompletedCheckpoint second = acknowledgeAll(triggerAfter(INTERVAL));
        coordinator.abortAll("task failed", clock.instant());
        clock.advance(Duration.ofSeconds(1));

        assertThat(coordinator.restoreLatest(clock.instant())).contains(second);

        CheckpointStatsSnapshot stats = coordinator.stats();
        assertThat(stats.counts().restored()).isEqualTo(1);
        assertThat(stats.latest().restored()).hasValueSatisfying(r -> {
            assertThat(r.checkpointId()).isEqualTo(second.checkpointId());
            assertThat(r.restoreTimestamp()).isEqualTo(clock.instant());
            assertThat(r.isSavepoint()).isFalse();
        });
    }

    // --- helpers

    private CheckpointCoordinator started(CheckpointConfig config) {
        CheckpointCoordinator c = new CheckpointCoordinator(config, PLAN, store, ids);
        c.start(clock.instant());
        return c;
    }

    private TickOutcome tickAfter(Duration duration) {
        clock.advance(duration);
        return coordinator.onTick(clock.instant());
    }

    /** Advances by {@code duration}, expects a periodic trigger then. @return its id */
    private long triggerAfter(Duration duration) {
        CheckpointTrigger trigger = tickAfter(duration).trigger()
                .orElseThrow(() -> new AssertionError("no checkpoint triggered at " + clock.instant()));
        return trigger.checkpointId();
    }

    private AckOutcome ack(TaskId task, long checkpointId) {
        return coordinator.acknowledge(task, checkpointId, handle(task, checkpointId), clock.instant());
    }

    private CompletedCheckpoint acknowledgeAll(long checkpointId) {
        AckOutcome outcome = null;
        for (TaskId task : TASKS) {
            outcome = ack(task, checkpointId);
        }
        return ((AckOutcome.Completed) outcome).checkpoint();
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> result = new ArrayList<>();
        for (T first : items) {
            List<T> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<T> tail : permutations(rest)) {
                List<T> permutation = new ArrayList<>();
                permutation.add(first);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
