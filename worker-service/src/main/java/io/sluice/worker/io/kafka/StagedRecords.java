package io.sluice.worker.io.kafka;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The records of one exactly-once sink epoch, held in the encoding of the sink's state: per record the key length
 * (-1 for none) and bytes, the value length and bytes, a timestamp flag and the timestamp, big-endian. A snapshot
 * copies these bytes instead of encoding records again, and the heap holds a few arrays per epoch instead of objects
 * per record that live through a checkpoint (promoted, then collected in old-generation cycles). Records are decoded
 * only to be sent. Chunks grow from {@value #FIRST_CHUNK} bytes to {@value #MAX_CHUNK}; a record never spans two.
 * The cap keeps chunks under G1's humongous size on a heap of 512 MB or more (half a 1 MB region): a humongous array
 * is allocated straight into the old generation and can start a concurrent cycle.
 */
final class StagedRecords implements Iterable<SinkRecord> {

    private static final int FIRST_CHUNK = 16 * 1024;
    private static final int MAX_CHUNK = 256 * 1024;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The last chunk is the one being filled, up to {@link #position}; {@link #filled} holds the others' ends. */
    private final List<byte[]> chunks = new ArrayList<>();
    private final List<Integer> filled = new ArrayList<>();
    private int position;
    private int count;

    void add(SinkRecord record) {
        byte[] key = record.key();
        byte[] value = record.value();
        int size = 4 + (key == null ? 0 : key.length) + 4 + value.length + 1 + 8;
        byte[] chunk = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
        if (chunk == null || position + size > chunk.length) {
            if (chunk != null) {
                filled.add(position);
            }
            chunk = new byte[Math.max(size, chunk == null ? FIRST_CHUNK : Math.min(2 * chunk.length, MAX_CHUNK))];
            chunks.add(chunk);
            position = 0;
        }
        position = putBytes(chunk, position, key);
        position = putBytes(chunk, position, value);
        chunk[position++] = (byte) (record.timestamp() == null ? 0 : 1);
        LONG.set(chunk, position, record.timestamp() == null ? 0L : record.timestamp());
        position += 8;
        count++;
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The encoded records' length. */
    int bytes() {
        int bytes = 0;
        for (int i = 0; i < chunks.size(); i++) {
            bytes += end(i);
        }
        return bytes;
    }

    /** The record count, then the records. */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(count);
        for (int i = 0; i < chunks.size(); i++) {
            out.write(chunks.get(i), 0, end(i));
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    static StagedRecords readFrom(DataInput in) throws IOException {
        StagedRecords records = new StagedRecords();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            byte[] key = readBytes(in);
            byte[] value = readBytes(in);
            boolean hasTimestamp = in.readBoolean();
            long timestamp = in.readLong();
            records.add(new SinkRecord(key, value, hasTimestamp ? timestamp : null));
        }
        return records;
    }

    /** The records of several epochs in their order, each decoded when it is reached. */
    static Iterable<SinkRecord> concat(List<StagedRecords> epochs) {
        return () -> new Iterator<>() {
            private int epoch;
            private Iterator<SinkRecord> records = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!records.hasNext() && epoch < epochs.size()) {
                    records = epochs.get(epoch++).iterator();
                }
                return records.hasNext();
            }

            @Override
            public SinkRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return records.next();
            }
        };
    }

    /** Decodes the records in the order added; nothing may be added meanwhile. */
    @Override
    public Iterator<SinkRecord> iterator() {
        return new Iterator<>() {
            private int index;
            private int at;
            private int read;

            @Override
            public boolean hasNext() {
                return read < count;
            }

            @Override
            public SinkRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                while (at >= end(index)) {
                    index++;
                    at = 0;
                }
                byte[] chunk = chunks.get(index);
                byte[] key = bytes(chunk);
                byte[] value = bytes(chunk);
                boolean hasTimestamp = chunk[at++] != 0;
                long timestamp = (long) LONG.get(chunk, at);
                at += 8;
                read++;
                return new SinkRecord(key, value, hasTimestamp ? timestamp : null);
            }

            private byte[] bytes(byte[] chunk) {
                int length = (int) INT.get(chunk, at);
                at += 4;
                if (length < 0) {
                    return null;
                }
                at += length;
                return Arrays.copyOfRange(chunk, at - length, at);
            }
        };
    }

    private int end(int chunk) {
        return chunk < filled.size() ? filled.get(chunk) : position;
    }

    private static int putBytes(byte[] chunk, int at, byte[] bytes) {
        INT.set(chunk, at, bytes == null ? -1 : bytes.length);
        if (bytes == null) {
            return at + 4;
        }
        System.arraycopy(bytes, 0, chunk, at + 4, bytes.length);
        return at + 4 + bytes.length;
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
