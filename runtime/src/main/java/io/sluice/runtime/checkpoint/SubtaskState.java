package io.sluice.runtime.checkpoint;

import io.sluice.runtime.state.KeyedStateSnapshot;
import io.sluice.runtime.state.SnapshotFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one task needs to resume from a checkpoint, written as {@value #FILE} into its directory of checkpoint
 * storage next to its state files.
 *
 * @param keyedState the chain's keyed state files, or null when the chain has no keyed state
 * @param sourcePosition where the chain's source resumes; empty for chains that are not sources
 * @param channelPositions per input channel, the position just after the checkpoint's barrier
 * @param selfContained a savepoint's snapshot: every file it needs lies in its own directory, found by name
 *     wherever the directory has moved to since (the paths written are those at the time of writing)
 */
public record SubtaskState(KeyedStateSnapshot keyedState, Map<String, Long> sourcePosition,
        List<Long> channelPositions, boolean selfContained) {

    static final String FILE = "_metadata.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public SubtaskState {
        sourcePosition = Map.copyOf(sourcePosition);
        channelPositions = List.copyOf(channelPositions);
    }

    /** A checkpoint's snapshot, whose keyed state may list files of earlier checkpoints. */
    public SubtaskState(KeyedStateSnapshot keyedState, Map<String, Long> sourcePosition, List<Long> channelPositions) {
        this(keyedState, sourcePosition, channelPositions, false);
    }

    /** The same state with its files looked up in {@code directory}, where a savepoint's snapshot lies now. */
    private SubtaskState relocatedTo(Path directory) {
        List<SnapshotFile> files = keyedState.files().stream()
                .map(f -> new SnapshotFile(directory.resolve(f.path().getFileName().toString()), f.checkpointId(),
                        f.full(), f.sizeBytes(), f.entries(), f.tombstones()))
                .toList();
        return new SubtaskState(new KeyedStateSnapshot(keyedState.checkpointId(), files), sourcePosition,
                channelPositions, true);
    }

    /** Writes the metadata into {@code directory}, synced to disk. */
    public void write(Path directory) throws IOException {
        try {
            DurableFiles.write(directory.resolve(FILE), JSON.writeValueAsBytes(this));
        } catch (JacksonException e) {
            throw new IOException("cannot write the metadata of " + directory, e);
        }
    }

    /** Reads the metadata of a task snapshot at {@code location} (the URI the task acknowledged). */
    public static SubtaskState read(String location) {
        Path directory = Path.of(URI.create(location));
        Path file = directory.resolve(FILE);
        try {
            SubtaskState state = JSON.readValue(Files.readAllBytes(file), SubtaskState.class);
            return state.selfContained() && state.keyedState() != null ? state.relocatedTo(directory) : state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint metadata " + file, e);
        } catch (JacksonException e) {
            throw new IllegalStateException("corrupt checkpoint metadata " + file, e);
        }
    }
}
