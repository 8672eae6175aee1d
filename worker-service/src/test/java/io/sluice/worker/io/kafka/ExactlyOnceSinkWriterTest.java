package io.sluice.worker.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.Test;

class ExactlyOnceSinkWriterTest {

    /** A transactional id's committed history, shared by the attempts of one sink subtask. */
    private static final class Broker {
        final List<String> visible = new ArrayList<>();
        /** The markers of the subtask under test ({@link #KEY}). */
        final List<Long> markers = new ArrayList<>();
        /** Latest marker of every key, as read_committed readers of the marker topic see it. */
        final Map<String, Long> latest = new HashMap<>();
        int epoch;
    }

    private static final String KEY = "job/sink/0";

    /** The port over the fake broker: a newer {@code init} fences the older producers. */
    private static final class FakePort implements TransactionalSinkPort {
        final Broker broker;
        int producerEpoch = -1;

        FakePort(Broker broker) {
            this.broker = broker;
        }

        @Override
        public void init() {
            producerEpoch = ++broker.epoch;
        }

        @Override
        public String markerKey() {
            return KEY;
        }

        @Override
        public long lastCommitted(String markerKey) {
            return broker.latest.getOrDefault(markerKey, -1L);
        }

        @Override
        public void commit(Iterable<SinkRecord> records, Map<String, Long> markers) {
            if (producerEpoch != broker.epoch) {
                throw new ProducerFencedException("fenced");
            }
            records.forEach(r -> broker.visible.add(new String(r.value(), StandardCharsets.UTF_8)));
            broker.latest.putAll(markers);
            if (markers.containsKey(KEY)) {
                broker.markers.add(markers.get(KEY));
            }
        }

        @Override
        public void close() {}
    }

    private static SinkRecord record(String value) {
        return new SinkRecord(null, value.getBytes(StandardCharsets.UTF_8), null);
    }

    private static StagedRecords staged(SinkRecord... records) {
        StagedRecords staged = new StagedRecords();
        for (SinkRecord record : records) {
            staged.add(record);
        }
        return staged;
    }

    private static ExactlyOnceSinkWriter open(Broker broker) {
        ExactlyOnceSinkWriter writer = new ExactlyOnceSinkWriter(new FakePort(broker), "sink[0]", Runnable::run);
        writer.open();
        return writer;
    }

    @Test
    void epochsBecomeVisibleOnlyWhenTheirCheckpointCompletes() {
        Broker broker = new Broker();
        ExactlyOnceSinkWriter writer = open(broker);
        writer.write(record("a"));
        writer.snapshot(1);
        writer.write(record("b"));
        writer.snapshot(2);
        writer.write(record("c"));
        assertThat(broker.visible).isEmpty();

        writer.checkpointComplete(1);
        assertThat(broker.visible).containsExactly("a");
        // A missed notification is covered by the next one; an epoch not yet at a barrier waits.
        writer.snapshot(3);
        writer.write(record("d"));
        writer.checkpointComplete(3);
        assertThat(broker.visible).containsExactly("a", "b", "c");
        assertThat(broker.markers).containsExactly(1L, 3L);

        writer.finish();
        assertThat(broker.visible).containsExactly("a", "b", "c", "d");
        assertThat(broker.markers).containsExactly(1L, 3L, TransactionalSinkPort.FINAL);
    }

    @Test
    void aCrashBetweenCompletionAndCommitIsCommittedOnceAfterRestore() {
        Broker broker = new Broker();
        ExactlyOnceSinkWriter first = open(broker);
        first.write(record("a"));
        first.write(record("b"));
        byte[] snapshot2 = first.snapshot(2);
        first.write(record("after-2"));
        // Checkpoint 2 completes, then the worker dies before the notification commits.

        ExactlyOnceSinkWriter second = open(broker);
        second.restore(snapshot2);
        assertThat(broker.visible).containsExactly("a", "b");
        assertThat(broker.markers).containsExactly(2L);

        // The replay after barrier 2 is staged again; a second restore from 2 (another crash) commits nothing again.
        second.write(record("after-2"));
        ExactlyOnceSinkWriter third = open(broker);
        third.restore(snapshot2);
        third.write(record("after-2"));
        third.finish();
        assertThat(broker.visible).containsExactly("a", "b", "after-2");
    }

    @Test
    void restoredEpochsThatAMarkerCoversAreNotCommittedAgain() {
        Broker broker = new Broker();
        ExactlyOnceSinkWriter first = open(broker);
        first.write(record("a"));
        first.snapshot(1);
        first.write(record("b"));
        // Snapshot 2 still holds epoch 1: its notification comes after barrier 2.
        byte[] snapshot2 = first.snapshot(2);
        first.checkpointComplete(1);
        first.checkpointComplete(2);
        assertThat(broker.visible).containsExactly("a", "b");

        ExactlyOnceSinkWriter second = open(broker);
        second.restore(snapshot2);
        assertThat(broker.visible).containsExactly("a", "b");

        // Epoch 1 committed, epoch 2 not: a restore from 2 commits epoch 2 only.
        Broker partly = new Broker();
        ExactlyOnceSinkWriter crashed = open(partly);
        crashed.write(record("a"));
        crashed.snapshot(1);
        crashed.write(record("b"));
        byte[] partial = crashed.snapshot(2);
        crashed.checkpointComplete(1);
        open(partly).restore(partial);
        assertThat(partly.visible).containsExactly("a", "b");
        assertThat(partly.markers).containsExactly(1L, 2L);
    }

    @Test
    void aSubtaskThatCommittedItsFinalEpochDropsWhatARestoredAttemptReplays() {
        Broker broker = new Broker();
        ExactlyOnceSinkWriter first = open(broker);
        first.write(record("a"));
        byte[] snapshot1 = first.snapshot(1);
        first.write(record("b"));
        first.finish();

        ExactlyOnceSinkWriter second = open(broker);
        second.restore(snapshot1);
        second.write(record("b"));
        second.snapshot(2);
        second.checkpointComplete(2);
        second.finish();
        assertThat(broker.visible).containsExactly("a", "b");
        assertThat(broker.markers).containsExactly(TransactionalSinkPort.FINAL);
    }

    @Test
    void aZombieFencedByANewerAttemptFailsClearlyAndCommitsNothing() {
        Broker broker = new Broker();
        ExactlyOnceSinkWriter zombie = open(broker);
        zombie.write(record("a"));
        zombie.snapshot(1);
        open(broker);

        assertThatThrownBy(() -> zombie.checkpointComplete(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sink[0] was fenced off by a newer attempt")
                .hasCauseInstanceOf(ProducerFencedException.class);
        assertThat(broker.visible).isEmpty();
    }

    // ---- commits on the committer thread

    /** A committer that runs a commit only when the test says so. */
    private static final class HeldCommits implements java.util.concurrent.Executor {
        final java.util.ArrayDeque<Runnable> pending = new java.util.ArrayDeque<>();

        @Override
        public void execute(Runnable commit) {
            pending.add(commit);
        }

        void runNext() {
            pending.remove().run();
        }
    }

    private static ExactlyOnceSinkWriter open(Broker broker, java.util.concurrent.Executor committer) {
        ExactlyOnceSinkWriter writer = new ExactlyOnceSinkWriter(new FakePort(broker), "sink[0]", committer);
        writer.open();
        return writer;
    }

    private static java.util.Set<Long> stagedEpochs(byte[] state) {
        return ExactlyOnceSinkWriter.decode(state).get(KEY).keySet();
    }

    @Test
    void epochsStayInSnapshotsUntilTheirCommitIsConfirmed() {
        Broker broker = new Broker();
        HeldCommits committer = new HeldCommits();
        ExactlyOnceSinkWriter writer = open(broker, committer);
        writer.write(record("a"));
        writer.snapshot(1);
        writer.checkpointComplete(1);
        writer.write(record("b"));

        assertThat(stagedEpochs(writer.snapshot(2))).containsExactly(1L, 2L);
        writer.checkpointComplete(2);
        assertThat(committer.pending).as("one commit in flight at a time").hasSize(1);
        committer.runNext();
        assertThat(broker.visible).containsExactly("a");

        writer.write(record("c"));
        assertThat(stagedEpochs(writer.snapshot(3))).containsExactly(2L, 3L);
        writer.checkpointComplete(3);
        committer.runNext();
        assertThat(broker.visible).containsExactly("a", "b", "c");
        assertThat(broker.markers).containsExactly(1L, 3L);
    }

    @Test
    void aCommitLostWithItsWorkerIsMadeByTheRestoreFromASnapshotTakenDuringIt() {
        Broker broker = new Broker();
        ExactlyOnceSinkWriter first = open(broker, new HeldCommits());
        first.write(record("a"));
        first.snapshot(1);
        first.checkpointComplete(1);
        first.write(record("b"));
        byte[] snapshot2 = first.snapshot(2);
        // The worker dies before the commit of checkpoint 1 ran.

        open(broker).restore(snapshot2);
        assertThat(broker.visible).containsExactly("a", "b");
        assertThat(broker.markers).containsExactly(2L);
    }

    @Test
    void aCommitThatFailsOnTheCommitterFailsTheTaskAtItsNextBarrier() {
        Broker broker = new Broker();
        HeldCommits committer = new HeldCommits();
        ExactlyOnceSinkWriter zombie = open(broker, committer);
        zombie.write(record("a"));
        zombie.snapshot(1);
        zombie.checkpointComplete(1);
        open(broker);
        committer.runNext();

        assertThatThrownBy(() -> zombie.snapshot(2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sink[0] was fenced off by a newer attempt");
        assertThat(broker.visible).isEmpty();
    }

    @Test
    void theEndOfInputWaitsForTheCommitInFlightThenCommitsTheRest() throws Exception {
        Broker broker = new Broker();
        java.util.concurrent.ExecutorService committer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            ExactlyOnceSinkWriter writer = open(broker, committer);
            writer.write(record("a"));
            writer.snapshot(1);
            writer.checkpointComplete(1);
            writer.write(record("b"));
            writer.finish();
        } finally {
            committer.shutdownNow();
        }
        assertThat(broker.visible).containsExactly("a", "b");
        assertThat(broker.markers).containsExactly(1L, TransactionalSinkPort.FINAL);
    }

    @Test
    void stateRoundTripsKeysValuesAndTimestamps() {
        NavigableMap<Long, StagedRecords> epochs = new TreeMap<>();
        epochs.put(4L, staged(new SinkRecord("k".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2}, 17L),
                new SinkRecord(null, new byte[0], null)));
        var byOrigin = ExactlyOnceSinkWriter.decode(ExactlyOnceSinkWriter.encode("other-job/sink/2", epochs));
        assertThat(byOrigin).containsOnlyKeys("other-job/sink/2");
        var decoded = byOrigin.get("other-job/sink/2");
        assertThat(decoded).containsOnlyKeys(4L);
        List<SinkRecord> records = new ArrayList<>();
        decoded.get(4L).forEach(records::add);
        assertThat(records).hasSize(2);
        SinkRecord first = records.get(0);
        SinkRecord second = records.get(1);
        assertThat(first.key()).containsExactly('k');
        assertThat(first.value()).containsExactly(1, 2);
        assertThat(first.timestamp()).isEqualTo(17L);
        assertThat(second.key()).isNull();
        assertThat(second.value()).isEmpty();
        assertThat(second.timestamp()).isNull();
    }

    /** The state is sized before it is written: origins in every width of modified UTF-8, several epochs. */
    @Test
    void stateRoundTripsAnyOriginAndSeveralEpochs() {
        for (String origin : List.of("", "job/sink/0", "j\u00e9b/\u0000/\u20ac/\ud83d\ude00")) {
            NavigableMap<Long, StagedRecords> epochs = new TreeMap<>();
            epochs.put(1L, staged(record("a"), record("b")));
            epochs.put(2L, staged());
            epochs.put(3L, staged(record("c")));
            byte[] state = ExactlyOnceSinkWriter.encode(origin, epochs);
            var decoded = ExactlyOnceSinkWriter.decode(state).get(origin);
            assertThat(decoded).containsOnlyKeys(1L, 2L, 3L);
            List<String> values = new ArrayList<>();
            decoded.values().forEach(e -> e.forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8))));
            assertThat(values).containsExactly("a", "b", "c");
        }
    }

    // ---- resuming from a savepoint: epochs of other subtasks or jobs, by origin

    private static byte[] savepointState(String origin, long epoch, String... values) {
        NavigableMap<Long, StagedRecords> epochs = new TreeMap<>();
        epochs.put(epoch, staged(java.util.Arrays.stream(values).map(ExactlyOnceSinkWriterTest::record)
                .toArray(SinkRecord[]::new)));
        return ExactlyOnceSinkWriter.encode(origin, epochs);
    }

    @Test
    void savepointEpochsTheOriginCommittedAreDropped() {
        Broker broker = new Broker();
        broker.latest.put("old/sink/0", 7L); // the savepoint's job committed its checkpoint 7 (then stopped)
        ExactlyOnceSinkWriter writer = open(broker);

        writer.restore(List.of(savepointState("old/sink/0", 7, "a", "b")));

        assertThat(broker.visible).isEmpty();
    }

    @Test
    void savepointEpochsNotCommittedAreCommittedOnceWithTheirOriginsMarker() {
        Broker broker = new Broker();
        broker.latest.put("old/sink/0", 6L); // the savepoint's job died before committing savepoint 7
        byte[] state = savepointState("old/sink/0", 7, "a", "b");

        open(broker).restore(List.of(state));
        assertThat(broker.visible).containsExactly("a", "b");
        assertThat(broker.latest).containsEntry("old/sink/0", 7L);

        // Resumed from the same savepoint again (another job, or a failover before a checkpoint): nothing twice.
        open(broker).restore(List.of(state));
        assertThat(broker.visible).containsExactly("a", "b");
    }

    @Test
    void scalingInMergesTheEpochsOfSeveralSubtasks() {
        Broker broker = new Broker();
        broker.latest.put("old/sink/0", 7L);
        broker.latest.put("old/sink/1", 5L);
        ExactlyOnceSinkWriter writer = open(broker);

        writer.restore(List.of(savepointState("old/sink/0", 7, "committed"),
                savepointState("old/sink/1", 7, "c", "d"), savepointState("old/sink/2", 7, "e")));

        assertThat(broker.visible).containsExactlyInAnyOrder("c", "d", "e");
        assertThat(broker.latest).containsEntry("old/sink/1", 7L).containsEntry("old/sink/2", 7L);
        // Its own epochs go on as before.
        writer.write(record("f"));
        writer.snapshot(8);
        writer.checkpointComplete(8);
        assertThat(broker.visible).containsExactlyInAnyOrder("c", "d", "e", "f");
        assertThat(broker.markers).containsExactly(8L);
    }
}
