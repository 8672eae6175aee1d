package io.sluice.runtime.state;

import java.util.List;

/**
 * Handle of one subtask's keyed state at a checkpoint: a chain of files, a full one first and then the incremental
 * ones written since, replayed in order on restore. Each file is written once and shared by later handles of the
 * chain: keep a file while any retained checkpoint's handle lists it.
 *
 * @param files the chain, oldest first; the last file was written by this checkpoint
 */
public record KeyedStateSnapshot(long checkpointId, List<SnapshotFile> files) {

    public KeyedStateSnapshot {
        files = List.copyOf(files);
        if (files.isEmpty() || !files.get(0).full()) {
            throw new IllegalArgumentException("a snapshot chain starts with a full snapshot file: " + files);
        }
        if (files.stream().skip(1).anyMatch(SnapshotFile::full)) {
            throw new IllegalArgumentException("only the first file of a chain is full: " + files);
        }
        for (int i = 1; i < files.size(); i++) {
            if (files.get(i).checkpointId() <= files.get(i - 1).checkpointId()) {
                throw new IllegalArgumentException("snapshot chain out of checkpoint order: " + files);
            }
        }
        if (files.get(files.size() - 1).checkpointId() != checkpointId) {
            throw new IllegalArgumentException("the last file of checkpoint " + checkpointId + "'s chain is from another checkpoint");
        }
    }

    /** Whether this checkpoint wrote a full snapshot. */
    public boolean isFull() {
        return files.size() == 1;
    }

    /** The file this checkpoint wrote. */
    public SnapshotFile latest() {
        return files.get(files.size() - 1);
    }

    /** Bytes a restore reads: the whole chain. */
    public long fullSize() {
        return files.stream().mapToLong(SnapshotFile::sizeBytes).sum();
    }

    /** Bytes this checkpoint wrote. */
    public long incrementalSize() {
        return latest().sizeBytes();
    }

    /** Entries (values and removals) this checkpoint wrote. */
    public long entriesWritten() {
        return latest().entriesWritten();
    }
}
