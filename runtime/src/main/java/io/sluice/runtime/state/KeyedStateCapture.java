package io.sluice.runtime.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The keyed state of one snapshot, taken at the barrier and written later: the synchronous part of a checkpoint
 * copies the entries the snapshot file must hold (all of them for a full snapshot, the changed ones for an
 * incremental one) so that {@link #write()} can run on another thread while the task goes on changing its state.
 *
 * <p>The file's place in the incremental chain is fixed at capture time: {@code earlier} are the files this one
 * builds on, written by earlier captures of the same backend, which must be written first (one writer thread per
 * task, in checkpoint order). If an earlier file failed, this one fails too, and the backend's next capture is full.
 */
public final class KeyedStateCapture {

    /** One entry of the file: its store key and stored value, or null for a removal (incremental only). */
    record Entry(byte[] storeKey, byte[] stored) {}

    private final long checkpointId;
    private final Path file;
    private final boolean full;
    private final int maxParallelism;
    private final List<StateSnapshotFormat.StateName> states;
    private final List<Entry> entries;
    private final List<CompletableFuture<SnapshotFile>> earlier;
    private final CompletableFuture<SnapshotFile> written;

    KeyedStateCapture(long checkpointId, Path file, boolean full, int maxParallelism,
            List<StateSnapshotFormat.StateName> states, List<Entry> entries,
            List<CompletableFuture<SnapshotFile>> earlier, CompletableFuture<SnapshotFile> written) {
        this.checkpointId = checkpointId;
        this.file = file;
        this.full = full;
        this.maxParallelism = maxParallelism;
        this.states = states;
        this.entries = entries;
        this.earlier = earlier;
        this.written = written;
    }

    /** A snapshot written at capture time (a full one too large to copy): {@link #write()} only returns it. */
    public static KeyedStateCapture written(long checkpointId, SnapshotFile file) {
        return new KeyedStateCapture(checkpointId, file.path(), true, 0, List.of(), List.of(), List.of(),
                CompletableFuture.completedFuture(file));
    }

    /**
     * Writes the file (synced to disk before it is published under its name) and returns the snapshot's handle.
     * Thread-safe against the backend: touches only what was copied at capture time.
     */
    public KeyedStateSnapshot write() throws IOException {
        List<SnapshotFile> files = new ArrayList<>();
        try {
            for (CompletableFuture<SnapshotFile> before : earlier) {
                SnapshotFile done = before.isDone() && !before.isCompletedExceptionally() ? before.join() : null;
                if (done == null) {
                    throw new IOException("checkpoint " + checkpointId + " builds on a snapshot file that was not "
                            + "written: " + (before.isDone() ? "it failed" : "it is not written yet"));
                }
                files.add(done);
            }
            if (!written.isDone()) {
                written.complete(writeFile());
            }
            files.add(written.join());
        } catch (IOException | RuntimeException e) {
            written.completeExceptionally(e);
            throw e;
        }
        return new KeyedStateSnapshot(checkpointId, files);
    }

    /** The file will not be written (the checkpoint was given up): later captures built on it fail. */
    public void discard() {
        written.completeExceptionally(new IOException("snapshot of checkpoint " + checkpointId + " discarded"));
    }

    private SnapshotFile writeFile() throws IOException {
        try (StateSnapshotFormat.Writer writer =
                new StateSnapshotFormat.Writer(file, checkpointId, full, maxParallelism, states)) {
            for (Entry entry : entries) {
                StoreKeys.Parts parts = StoreKeys.decode(entry.storeKey());
                if (entry.stored() == null) {
                    writer.tombstone(parts.keyGroup(), parts.stateId(), parts.key(), parts.namespace());
                } else {
                    writer.put(parts.keyGroup(), parts.stateId(), parts.key(), parts.namespace(), entry.stored());
                }
            }
            return writer.finish();
        }
    }
}
