package io.sluice.worker.io.kafka;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * The staging and commit decisions of an exactly-once Kafka sink subtask. Records written between barrier n-1 and
 * barrier n form epoch n; at barrier n the epoch is closed and every epoch not yet committed goes into snapshot n.
 * When checkpoint n completes, the epochs up to n are written in one transaction with the commit marker n. A
 * subtask restored from snapshot n commits the restored epochs newer than its latest marker (the crash came between
 * completion and commit) and drops the others. At the end of bounded input everything left is committed with the
 * marker {@link TransactionalSinkPort#FINAL}; a restored subtask that finds it drops all it replays.
 * Staged records live on the heap, encoded ({@link StagedRecords}). Used by the task thread only.
 *
 * <p>The commit after a completed checkpoint runs on the {@code committer} executor, so the task thread goes on
 * while the producer writes the epochs and waits for the transaction's acknowledgement (on the task thread,
 * processing stopped that long after every checkpoint, longest in jobs with a record out per record in). One
 * commit is in flight at a time; a checkpoint completing meanwhile is covered by the next notification. Its
 * epochs stay staged, and so in every snapshot, until the commit is confirmed: a snapshot taken during the commit
 * must still hold them, because the commit may yet fail. A failed commit fails the task at its next barrier,
 * notification or end. Restores and the final commit run on the task thread.
 *
 * <p>Epochs are kept in the state with their origin: the marker key of the subtask that staged them. A subtask
 * resumed from a savepoint (another job, maybe another parallelism, so maybe several states) checks each origin's
 * marker: epochs the origin committed (the savepoint's job went on, or stopped and committed them) are dropped, the
 * others committed at once together with markers for their origins, so that no second resume commits them again.
 */
final class ExactlyOnceSinkWriter {

    /** Leads the state; the format before origins began with a non-negative epoch count. */
    private static final int FORMAT_WITH_ORIGIN = -2;

    private final TransactionalSinkPort port;
    private final String name;
    private final Executor committer;
    private final NavigableMap<Long, StagedRecords> staged = new TreeMap<>();
    private StagedRecords current = new StagedRecords();
    private long lastCommitted;
    /** The commit on the committer, or null: once done, {@link #confirmed} holds its checkpoint id. */
    private CompletableFuture<Void> inFlight;
    /** Written by the committer before it completes {@link #inFlight}, read after that completion. */
    private long confirmed = -1;

    /**
     * @param name names the sink subtask in failures
     * @param committer runs the commits after completed checkpoints, one at a time
     */
    ExactlyOnceSinkWriter(TransactionalSinkPort port, String name, Executor committer) {
        this.port = port;
        this.name = name;
        this.committer = committer;
    }

    /** Fences older attempts, then learns what they committed. */
    void open() {
        port.init();
        lastCommitted = port.lastCommitted();
    }

    void write(SinkRecord record) {
        if (lastCommitted != TransactionalSinkPort.FINAL) {
            current.add(record);
        }
    }

    /** Barrier n: closes epoch n; the state holds every epoch not committed yet. */
    byte[] snapshot(long checkpointId) {
        settleCommit();
        if (!current.isEmpty()) {
            staged.put(checkpointId, current);
            current = new StagedRecords();
        }
        return encode(staged);
    }

    /** Resuming from snapshot n: commits the restored epochs that no marker covers. */
    void restore(byte[] state) {
        restore(List.of(state));
    }

    /**
     * Resuming from the states of one or more subtasks (of this job after a failover, or of a savepoint's job):
     * per origin, the epochs its marker does not cover are committed in one transaction with the markers.
     */
    void restore(List<byte[]> states) {
        staged.clear();
        current = new StagedRecords();
        Map<String, NavigableMap<Long, StagedRecords>> origins = new TreeMap<>();
        for (byte[] state : states) {
            decode(state).forEach((origin, epochs) ->
                    origins.computeIfAbsent(origin, o -> new TreeMap<>()).putAll(epochs));
        }
        List<StagedRecords> records = new ArrayList<>();
        Map<String, Long> markers = new TreeMap<>();
        origins.forEach((origin, epochs) -> {
            long committed = origin.equals(port.markerKey()) ? lastCommitted : port.lastCommitted(origin);
            epochs.headMap(committed, true).clear();
            if (!epochs.isEmpty()) {
                records.addAll(epochs.values());
                markers.put(origin, epochs.lastKey());
            }
        });
        if (!markers.isEmpty()) {
            commit(records, markers);
            lastCommitted = Math.max(lastCommitted, markers.getOrDefault(port.markerKey(), lastCommitted));
        }
    }

    /** Checkpoint n completed: epochs up to n start to commit, unless a commit is still in flight. */
    void checkpointComplete(long checkpointId) {
        if (!settleCommit()) {
            return;
        }
        List<StagedRecords> records = recordsUpTo(checkpointId);
        if (records.isEmpty()) {
            return;
        }
        Map<String, Long> marker = Map.of(port.markerKey(), checkpointId);
        inFlight = CompletableFuture.runAsync(() -> {
            commit(records, marker);
            confirmed = checkpointId;
        }, committer);
        settleCommit();
    }

    /** End of bounded input: after the commit in flight, the rest and the final marker in one last transaction. */
    void finish() {
        if (inFlight != null) {
            inFlight.exceptionally(e -> null).join();
            settleCommit();
        }
        if (lastCommitted == TransactionalSinkPort.FINAL) {
            return;
        }
        staged.put(TransactionalSinkPort.FINAL, current);
        current = new StagedRecords();
        commit(recordsUpTo(TransactionalSinkPort.FINAL), Map.of(port.markerKey(), TransactionalSinkPort.FINAL));
        staged.clear();
        lastCommitted = TransactionalSinkPort.FINAL;
    }

    /**
     * Takes in the outcome of a finished commit: its epochs leave the staging, a failure is thrown.
     *
     * @return whether no commit is in flight
     */
    private boolean settleCommit() {
        if (inFlight == null) {
            return true;
        }
        if (!inFlight.isDone()) {
            return false;
        }
        CompletableFuture<Void> done = inFlight;
        inFlight = null;
        try {
            done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        staged.headMap(confirmed, true).clear();
        lastCommitted = confirmed;
        return true;
    }

    /** The epochs up to a checkpoint that hold records. */
    private List<StagedRecords> recordsUpTo(long checkpointId) {
        return staged.headMap(checkpointId, true).values().stream().filter(e -> !e.isEmpty()).toList();
    }

    private void commit(List<StagedRecords> epochs, Map<String, Long> markers) {
        try {
            port.commit(StagedRecords.concat(epochs), markers);
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw new IllegalStateException(name + " was fenced off by a newer attempt of its job and stops: "
                    + "it must not commit " + markers, e);
        }
    }

    /** The state: this subtask's epochs, under its marker key as their origin. */
    private byte[] encode(NavigableMap<Long, StagedRecords> epochs) {
        return encode(port.markerKey(), epochs);
    }

    /** Format: int -2 (version), origin (UTF), epoch count, per epoch: id, record count, records. */
    static byte[] encode(String origin, NavigableMap<Long, StagedRecords> epochs) {
        ExactSizeBytes bytes = new ExactSizeBytes(
                10 + modifiedUtf8Length(origin) + epochs.values().stream().mapToInt(e -> 12 + e.bytes()).sum());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT_WITH_ORIGIN);
            out.writeUTF(origin);
            out.writeInt(epochs.size());
            for (Map.Entry<Long, StagedRecords> epoch : epochs.entrySet()) {
                out.writeLong(epoch.getKey());
                epoch.getValue().writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.result();
    }

    /** What {@code writeUTF} writes after its 2-byte length. */
    private static int modifiedUtf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
        }
        return length;
    }

    /**
     * Sized to the state exactly, and handing over its array without the copy {@code toByteArray} makes: a state
     * holds every uncommitted epoch, megabytes, and both arrays went straight to G1's old generation.
     */
    private static final class ExactSizeBytes extends ByteArrayOutputStream {
        ExactSizeBytes(int size) {
            super(size);
        }

        byte[] result() {
            return count == buf.length ? buf : toByteArray();
        }
    }

    /** The epochs of a state by their origin's marker key. */
    static Map<String, NavigableMap<Long, StagedRecords>> decode(byte[] state) {
        NavigableMap<Long, StagedRecords> epochs = new TreeMap<>();
        String origin;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != FORMAT_WITH_ORIGIN) {
                throw new IOException("unknown exactly-once sink state format");
            }
            origin = in.readUTF();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                long id = in.readLong();
                epochs.put(id, StagedRecords.readFrom(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt exactly-once sink state", e);
        }
        return Map.of(origin, epochs);
    }
}
