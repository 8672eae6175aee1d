package io.sluice.engine.ha;

import io.sluice.engine.checkpoint.CheckpointIdCounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checkpoint id counter in a file holding the next id. Each id is on disk before it is handed out, so an engine
 * restarted after kill -9 never gives an id again, not even that of a checkpoint that was in flight.
 */
final class FileCheckpointIdCounter implements CheckpointIdCounter {

    private final Path file;
    private long next;

    /** @param firstId the first id when the file does not exist yet */
    FileCheckpointIdCounter(Path file, long firstId) {
        this.file = file;
        this.next = read(file, firstId);
    }

    private static long read(Path file, long firstId) {
        if (!Files.exists(file)) {
            return firstId;
        }
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint id counter " + file, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("corrupt checkpoint id counter " + file, e);
        }
    }

    @Override
    public long getAndIncrement() {
        long id = next;
        AtomicFile.write(file, Long.toString(id + 1).getBytes(StandardCharsets.US_ASCII));
        next = id + 1;
        return id;
    }
}
