package io.sluice.engine.checkpoint;

import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decision: start checkpoint {@code checkpointId}. The caller tells each task in {@code sources} (through its
 * worker); every other task joins when the barriers reach it. Each task then acknowledges or declines.
 *
 * @param timestamp the trigger time, also carried by the barriers
 */
public record CheckpointTrigger(
        JobId jobId,
        long checkpointId,
        Instant timestamp,
        CheckpointType type,
        CheckpointingMode mode,
        Set<TaskId> sources) {

    public CheckpointTrigger {
        sources = Collections.unmodifiableSet(new LinkedHashSet<>(sources));
    }
}
