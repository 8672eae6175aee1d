package io.sluice.runtime.state;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The file format of keyed state snapshots, shared by every backend so that a snapshot of one restores into another.
 *
 * <pre>
 * header   magic "SLST" (int) | version (byte) | kind (byte: 1 full, 2 incremental) | checkpoint id (long)
 *          | max parallelism (int) | state count (int) | per state: index (short), kind code (byte), name (UTF)
 * section  (byte 1) | key group (short) | entry count (int) | byte length (int) | CRC32 of the bytes (int) | entries
 * end      (byte 0) | total entries (long) | total tombstones (long)
 * entry    op (byte: 1 value, 2 tombstone) | state index (varint) | key length (varint) | key
 *          | namespace length (varint) | namespace | [value length (varint) | value]
 * </pre>
 *
 * Keys, namespaces and values are the backends' serialized bytes (Kryo; values with their TTL header). A key group
 * may span several sections, so writers need not sort: they buffer entries per key group and flush a section when
 * its buffer is full. Readers skip the sections of key groups they do not own by length. Fixed-size numbers are
 * big-endian ({@link DataOutputStream}); varints are unsigned LEB128. Files are written under a temporary name,
 * synced and renamed, so a file that exists is complete.
 */
public final class StateSnapshotFormat {

    static final int MAGIC = 0x534C5354;
    static final byte VERSION = 1;

    private static final byte FULL = 1;
    private static final byte INCREMENTAL = 2;
    private static final byte SECTION = 1;
    private static final byte END = 0;
    private static final byte VALUE = 1;
    private static final byte TOMBSTONE = 2;

    /** A key group's buffer is written out as a section once it holds this many bytes. */
    private static final int SECTION_BYTES = 64 * 1024;
    /** All buffers are written out once together they hold this many bytes (many small key groups). */
    private static final int MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

    private StateSnapshotFormat() {}

    /**
     * One entry read back.
     *
     * @param value null for a tombstone (the key was removed)
     */
    public record Entry(int keyGroup, String stateName, StateKind stateKind, byte[] key, byte[] namespace, byte[] value) {}

    /** What reading an entry does; may throw to abort the read. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(Entry entry) throws IOException;
    }

    /** Writes one snapshot file; entries may come in any key group order. */
    public static final class Writer implements AutoCloseable {

        private final Path file;
        private final Path temporary;
        private final long checkpointId;
        private final boolean full;
        private final DataOutputStream out;
        private final Map<Integer, Section> sections = new HashMap<>();
        private int buffered;
        private long entries;
        private long tombstones;
        private boolean finished;

        /**
         * @param states the states entries may refer to, by their index ({@link #put}'s {@code stateIndex})
         */
        public Writer(Path file, long checkpointId, boolean full, int maxParallelism, List<StateName> states)
                throws IOException {
            this.file = file;
            this.temporary = file.resolveSibling(file.getFileName() + ".inprogress");
            this.checkpointId = checkpointId;
            this.full = full;
            OutputStream stream = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.out = new DataOutputStream(new BufferedOutputStream(stream, SECTION_BYTES));
            try {
                writeHeader(maxParallelism, states);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        public void put(int keyGroup, int stateIndex, byte[] key, byte[] namespace, byte[] value) throws IOException {
            Section section = sections.computeIfAbsent(keyGroup, Section::new);
            int before = section.bytes.position();
            writeEntryStart(section, VALUE, stateIndex, key, namespace);
            section.bytes.writeVarInt(value.length, true);
            section.bytes.writeBytes(value);
            entries++;
            written(section, before);
        }

        public void tombstone(int keyGroup, int stateIndex, byte[] key, byte[] namespace) throws IOException {
            if (full) {
                throw new IllegalStateException("a full snapshot has no tombstones");
            }
            Section section = sections.computeIfAbsent(keyGroup, Section::new);
            int before = section.bytes.position();
            writeEntryStart(section, TOMBSTONE, stateIndex, key, namespace);
            tombstones++;
            written(section, before);
        }

        /** Writes the remaining sections and the end, syncs and publishes the file. */
        public SnapshotFile finish() throws IOException {
            for (Section section : new ArrayList<>(sections.values())) {
                flush(section);
            }
            out.writeByte(END);
            out.writeLong(entries);
            out.writeLong(tombstones);
            out.close();
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            finished = true;
            return new SnapshotFile(file, checkpointId, full, Files.size(file), entries, tombstones);
        }

        /** Discards an unfinished file. */
        @Override
        public void close() throws IOException {
            if (!finished) {
                out.close();
                Files.deleteIfExists(temporary);
            }
        }

        private void writeHeader(int maxParallelism, List<StateName> states) throws IOException {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(full ? FULL : INCREMENTAL);
            out.writeLong(checkpointId);
            out.writeInt(maxParallelism);
            out.writeInt(states.size());
            for (StateName state : states) {
                out.writeShort(state.index());
                out.writeByte(state.kind().code);
                out.writeUTF(state.name());
            }
        }

        private static void writeEntryStart(Section section, byte op, int stateIndex, byte[] key, byte[] namespace) {
            Output bytes = section.bytes;
            bytes.writeByte(op);
            bytes.writeVarInt(stateIndex, true);
            bytes.writeVarInt(key.length, true);
            bytes.writeBytes(key);
            bytes.writeVarInt(namespace.length, true);
            bytes.writeBytes(namespace);
            section.count++;
        }

        private void written(Section section, int positionBefore) throws IOException {
            buffered += section.bytes.position() - positionBefore;
            if (section.bytes.position() >= SECTION_BYTES) {
                flush(section);
            } else if (buffered >= MAX_BUFFERED_BYTES) {
                for (Section each : new ArrayList<>(sections.values())) {
                    flush(each);
                }
            }
        }

        private void flush(Section section) throws IOException {
            CRC32 crc = new CRC32();
            crc.update(section.bytes.getBuffer(), 0, section.bytes.position());
            out.writeByte(SECTION);
            out.writeShort(section.keyGroup);
            out.writeInt(section.count);
            out.writeInt(section.bytes.position());
            out.writeInt((int) crc.getValue());
            out.write(section.bytes.getBuffer(), 0, section.bytes.position());
            buffered -= section.bytes.position();
            sections.remove(section.keyGroup);
        }

        private static final class Section {
            final int keyGroup;
            final Output bytes = new Output(1024, -1);
            int count;

            Section(int keyGroup) {
                this.keyGroup = keyGroup;
            }
        }
    }

    /** A state as named in a snapshot file's header. */
    public record StateName(int index, String name, StateKind kind) {}

    /** What a file's header and end said. */
    public record Summary(long checkpointId, boolean full, long entries, long tombstones) {}

    /**
     * Reads a snapshot file, handing the entries of key groups in {@code keyGroups} to {@code consumer} in file
     * order, and checks its integrity (header, section checksums, entry totals).
     *
     * @throws IOException if the file is unreadable, corrupt, or for another max parallelism
     */
    public static Summary read(Path file, int maxParallelism, KeyGroupRange keyGroups, EntryConsumer consumer)
            throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), SECTION_BYTES))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a keyed state snapshot");
            }
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IOException(file + " has snapshot format version " + version + ", expected " + VERSION);
            }
            boolean full = in.readByte() == FULL;
            long checkpointId = in.readLong();
            int fileMaxParallelism = in.readInt();
            if (fileMaxParallelism != maxParallelism) {
                throw new IOException(file + " was written with max parallelism " + fileMaxParallelism
                        + ", cannot restore with " + maxParallelism + " (key groups differ)");
            }
            Map<Integer, StateName> states = new HashMap<>();
            int stateCount = in.readInt();
            for (int i = 0; i < stateCount; i++) {
                int index = in.readUnsignedShort();
                StateKind kind = StateKind.ofCode(in.readByte());
                states.put(index, new StateName(index, in.readUTF(), kind));
            }
            long counted = 0;
            Input section = new Input();
            for (byte marker = in.readByte(); marker != END; marker = in.readByte()) {
                if (marker != SECTION) {
                    throw new IOException(file + " is corrupt: unexpected marker " + marker);
                }
                int keyGroup = in.readUnsignedShort();
                int count = in.readInt();
                int length = in.readInt();
                int checksum = in.readInt();
                counted += count;
                if (!keyGroups.contains(keyGroup)) {
                    in.skipNBytes(length);
                    continue;
                }
                byte[] bytes = in.readNBytes(length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                if (bytes.length != length || (int) crc.getValue() != checksum) {
                    throw new IOException(file + " is corrupt: bad section of key group " + keyGroup);
                }
                section.setBuffer(bytes);
                for (int i = 0; i < count; i++) {
                    Entry entry = readEntry(section, keyGroup, states, file);
                    consumer.accept(entry);
                }
            }
            long totalEntries = in.readLong();
            long totalTombstones = in.readLong();
            if (counted != totalEntries + totalTombstones) {
                throw new IOException(file + " is corrupt: " + counted + " entries in sections, "
                        + (totalEntries + totalTombstones) + " announced");
            }
            return new Summary(checkpointId, full, totalEntries, totalTombstones);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }

    private static Entry readEntry(Input in, int keyGroup, Map<Integer, StateName> states, Path file)
            throws IOException {
        byte op = in.readByte();
        int index = in.readVarInt(true);
        StateName state = states.get(index);
        if (state == null || (op != VALUE && op != TOMBSTONE)) {
            throw new IOException(file + " is corrupt: bad entry in key group " + keyGroup);
        }
        byte[] key = in.readBytes(in.readVarInt(true));
        byte[] namespace = in.readBytes(in.readVarInt(true));
        byte[] value = op == VALUE ? in.readBytes(in.readVarInt(true)) : null;
        return new Entry(keyGroup, state.name(), state.kind(), key, namespace, value);
    }
}
