package io.sluice.engine.checkpoint;

import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A checkpoint every task acknowledged: a consistent snapshot of the whole job that a restore can start from.
 *
 * @param triggerTimestamp when the coordinator triggered it
 * @param completionTimestamp when the last acknowledgement arrived
 * @param states each task's snapshot, in the order the acknowledgements arrived
 */
public record CompletedCheckpoint(
        JobId jobId,
        long checkpointId,
        Instant triggerTimestamp,
        Instant completionTimestamp,
        CheckpointType type,
        Map<TaskId, SubtaskStateHandle> states) {

    public CompletedCheckpoint {
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        if (states.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + checkpointId + " has no task states");
        }
        if (completionTimestamp.isBefore(triggerTimestamp)) {
            throw new IllegalArgumentException("checkpoint " + checkpointId + " completed before it was triggered");
        }
    }

    public boolean isSavepoint() {
        return type.isSavepoint();
    }

    /** The savepoint's target directory; empty for periodic checkpoints (their state is where the handles say). */
    public Optional<String> externalPath() {
        return type.targetDirectory();
    }

    public int numSubtasks() {
        return states.size();
    }

    /** Total bytes of the full state over all tasks. */
    public long stateSize() {
        return states.values().stream().mapToLong(SubtaskStateHandle::stateSize).sum();
    }

    /** Total bytes written for this checkpoint over all tasks. */
    public long incrementalSize() {
        return states.values().stream().mapToLong(SubtaskStateHandle::incrementalSize).sum();
    }

    /** From trigger to the last acknowledgement. */
    public Duration duration() {
        return Duration.between(triggerTimestamp, completionTimestamp);
    }
}
