package io.sluice.runtime.state;

import java.nio.file.Path;

/**
 * One file written by one snapshot of a keyed state backend.
 *
 * @param full whether it holds every entry (else only those changed since the previous file of its chain)
 * @param sizeBytes file size
 * @param entries values written
 * @param tombstones removals written (incremental files only)
 */
public record SnapshotFile(Path path, long checkpointId, boolean full, long sizeBytes, long entries, long tombstones) {

    /** Values and removals written. */
    public long entriesWritten() {
        return entries + tombstones;
    }
}
