package io.sluice.runtime.task;

import io.sluice.protocol.TaskSnapshot;
import io.sluice.runtime.checkpoint.DurableFiles;
import io.sluice.runtime.checkpoint.SubtaskState;
import io.sluice.runtime.state.KeyedStateCapture;
import io.sluice.runtime.state.KeyedStateSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything of one task's snapshot, taken at the barrier, still to be written into its directory of checkpoint
 * storage: the keyed state capture, each operator's own state, the source and input channel positions. Writing
 * needs nothing of the task, so it may run on another thread while the task goes on. The metadata file goes last,
 * so a snapshot directory with metadata is complete; every file is synced before {@link #write()} returns.
 *
 * @param keyedState the chain's keyed state, or null if it has none
 * @param operatorStates file to bytes, per operator with state of its own
 * @param selfContained a savepoint's snapshot (lists no file outside its directory)
 */
record TaskSnapshotWrite(Path directory, KeyedStateCapture keyedState, Map<Path, byte[]> operatorStates,
        Map<String, Long> sourcePosition, List<Long> channelPositions, boolean selfContained) {

    TaskSnapshotWrite {
        operatorStates = Map.copyOf(operatorStates);
        sourcePosition = Map.copyOf(sourcePosition);
        channelPositions = List.copyOf(channelPositions);
    }

    /** Writes the files and returns the handle the task acknowledges with. */
    TaskSnapshot write() throws IOException {
        KeyedStateSnapshot state;
        try {
            for (Map.Entry<Path, byte[]> file : operatorStates.entrySet()) {
                DurableFiles.write(file.getKey(), file.getValue());
            }
            state = keyedState == null ? null : keyedState.write();
            new SubtaskState(state, sourcePosition, channelPositions, selfContained).write(directory);
        } catch (IOException | RuntimeException e) {
            discard();
            throw e;
        }
        return state == null
                ? new TaskSnapshot(directory.toUri().toString(), 0, 0)
                : new TaskSnapshot(directory.toUri().toString(), state.fullSize(), state.incrementalSize());
    }

    /** It will not be written: keyed state captured after it must not build on it. */
    void discard() {
        if (keyedState != null) {
            keyedState.discard();
        }
    }
}
