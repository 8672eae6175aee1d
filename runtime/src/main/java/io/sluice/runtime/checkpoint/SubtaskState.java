package io.sluice.runtime.checkpoint;

import io.sluice.runtime.state.KeyedStateSnapshot;
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
 */
public record SubtaskState(
        KeyedStateSnapshot keyedState, Map<String, Long> sourcePosition, List<Long> channelPositions) {

    static final String FILE = "_metadata.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public SubtaskState {
        sourcePosition = Map.copyOf(sourcePosition);
        channelPositions = List.copyOf(channelPositions);
    }

    /** Writes the metadata into {@code directory}. */
    public void write(Path directory) throws IOException {
        try {
            Files.write(directory.resolve(FILE), JSON.writeValueAsBytes(this));
        } catch (JacksonException e) {
            throw new IOException("cannot write the metadata of " + directory, e);
        }
    }

    /** Reads the metadata of a task snapshot at {@code location} (the URI the task acknowledged). */
    public static SubtaskState read(String location) {
        Path file = Path.of(URI.create(location)).resolve(FILE);
        try {
            return JSON.readValue(Files.readAllBytes(file), SubtaskState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint metadata " + file, e);
        } catch (JacksonException e) {
            throw new IllegalStateException("corrupt checkpoint metadata " + file, e);
        }
    }
}
