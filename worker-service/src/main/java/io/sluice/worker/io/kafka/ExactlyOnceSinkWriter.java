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
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * The staging and commit decisions of an exactly-once Kafka sink subtask. Records written between barrier n-1 and
 * barrier n form epoch n; at barrier n the epoch is closed and every epoch not yet committed goes into snapshot n.
 * When checkpoint n completes, the epochs up to n are written in one transaction with the commit marker n. A
 * subtask restored from snapshot n commits the restored epochs newer than its latest marker (the crash came between
 * completion and commit) and drops the others. At the end of bounded input everything left is committed with the
 * marker {@link TransactionalSinkPort#FINAL}; a restored subtask that finds it drops all it replays.
 * Staged records live on the heap. Used by the task thread only.
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
    private final NavigableMap<Long, List<SinkRecord>> staged = new TreeMap<>();
    private List<SinkRecord> current = new ArrayList<>();
    private long lastCommitted;

    /** @param name names the sink subtask in failures */
    ExactlyOnceSinkWriter(TransactionalSinkPort port, String name) {
        this.port = port;
        this.name = name;
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
        if (!current.isEmpty()) {
            staged.put(checkpointId, current);
            current = new ArrayList<>();
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
        current = new ArrayList<>();
        Map<String, NavigableMap<Long, List<SinkRecord>>> origins = new TreeMap<>();
        for (byte[] state : states) {
            decode(state).forEach((origin, epochs) ->
                    origins.computeIfAbsent(origin, o -> new TreeMap<>()).putAll(epochs));
        }
        List<SinkRecord> records = new ArrayList<>();
        Map<String, Long> markers = new TreeMap<>();
        origins.forEach((origin, epochs) -> {
            long committed = origin.equals(port.markerKey()) ? lastCommitted : port.lastCommitted(origin);
            epochs.headMap(committed, true).clear();
            if (!epochs.isEmpty()) {
                epochs.values().forEach(records::addAll);
                markers.put(origin, epochs.lastKey());
            }
        });
        if (!markers.isEmpty()) {
            commit(records, markers);
            lastCommitted = Math.max(lastCommitted, markers.getOrDefault(port.markerKey(), lastCommitted));
        }
    }

    /** Checkpoint n completed: epochs up to n become visible. */
    void checkpointComplete(long checkpointId) {
        if (!staged.headMap(checkpointId, true).isEmpty()) {
            commit(checkpointId);
        }
    }

    /** End of bounded input: the rest, and the final marker, in one last transaction. */
    void finish() {
        if (lastCommitted == TransactionalSinkPort.FINAL) {
            return;
        }
        staged.put(TransactionalSinkPort.FINAL, current);
        current = new ArrayList<>();
        commit(TransactionalSinkPort.FINAL);
    }

    private void commit(long upTo) {
        Map<Long, List<SinkRecord>> epochs = staged.headMap(upTo, true);
        List<SinkRecord> records = new ArrayList<>();
        epochs.values().forEach(records::addAll);
        commit(records, Map.of(port.markerKey(), upTo));
        epochs.clear();
        lastCommitted = upTo;
    }

    private void commit(List<SinkRecord> records, Map<String, Long> markers) {
        try {
            port.commit(records, markers);
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw new IllegalStateException(name + " was fenced off by a newer attempt of its job and stops: "
                    + "it must not commit " + markers, e);
        }
    }

    /** The state: this subtask's epochs, under its marker key as their origin. */
    private byte[] encode(NavigableMap<Long, List<SinkRecord>> epochs) {
        return encode(port.markerKey(), epochs);
    }

    /** Format: int -2 (version), origin (UTF), epoch count, per epoch: id, record count, records. */
    static byte[] encode(String origin, NavigableMap<Long, List<SinkRecord>> epochs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT_WITH_ORIGIN);
            out.writeUTF(origin);
            out.writeInt(epochs.size());
            for (Map.Entry<Long, List<SinkRecord>> epoch : epochs.entrySet()) {
                out.writeLong(epoch.getKey());
                out.writeInt(epoch.getValue().size());
                for (SinkRecord record : epoch.getValue()) {
                    writeBytes(out, record.key());
                    writeBytes(out, record.value());
                    out.writeBoolean(record.timestamp() != null);
                    out.writeLong(record.timestamp() == null ? 0 : record.timestamp());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The epochs of a state by their origin's marker key. */
    static Map<String, NavigableMap<Long, List<SinkRecord>>> decode(byte[] state) {
        NavigableMap<Long, List<SinkRecord>> epochs = new TreeMap<>();
        String origin;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != FORMAT_WITH_ORIGIN) {
                throw new IOException("unknown exactly-once sink state format");
            }
            origin = in.readUTF();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                long id = in.readLong();
                int size = in.readInt();
                List<SinkRecord> records = new ArrayList<>(size);
                for (int r = 0; r < size; r++) {
                    byte[] key = readBytes(in);
                    byte[] value = readBytes(in);
                    boolean hasTimestamp = in.readBoolean();
                    long timestamp = in.readLong();
                    records.add(new SinkRecord(key, value, hasTimestamp ? timestamp : null));
                }
                epochs.put(id, records);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt exactly-once sink state", e);
        }
        return Map.of(origin, epochs);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }
}
