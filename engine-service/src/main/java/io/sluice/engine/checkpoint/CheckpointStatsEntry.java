package io.sluice.engine.checkpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One checkpoint as the statistics show it: a row of the history, or one of the latest ones.
 *
 * @param latestAcknowledgement when the latest task acknowledged; empty before the first
 * @param stateSize full state size over the tasks that acknowledged
 * @param incrementalSize bytes written for this checkpoint by the tasks that acknowledged
 * @param failure set exactly when the status is FAILED
 */
public record CheckpointStatsEntry(
        long checkpointId,
        Status status,
        CheckpointType type,
        Instant triggerTimestamp,
        Optional<Instant> latestAcknowledgement,
        long stateSize,
        long incrementalSize,
        int numSubtasks,
        int numAcknowledgedSubtasks,
        Optional<CheckpointFailure> failure) {

    /** Flink's names. */
    public enum Status {
        IN_PROGRESS,
        COMPLETED,
        FAILED
    }

    public CheckpointStatsEntry {
        if (failure.isPresent() != (status == Status.FAILED)) {
            throw new IllegalArgumentException("a failure goes with status FAILED only, not " + status);
        }
    }

    static CheckpointStatsEntry inProgress(PendingCheckpoint pending) {
        return of(pending, Status.IN_PROGRESS, Optional.empty());
    }

    static CheckpointStatsEntry failed(PendingCheckpoint pending, CheckpointFailure failure) {
        return of(pending, Status.FAILED, Optional.of(failure));
    }

    static CheckpointStatsEntry completed(CompletedCheckpoint checkpoint) {
        return new CheckpointStatsEntry(checkpoint.checkpointId(), Status.COMPLETED, checkpoint.type(),
                checkpoint.triggerTimestamp(), Optional.of(checkpoint.completionTimestamp()),
                checkpoint.stateSize(), checkpoint.incrementalSize(), checkpoint.numSubtasks(),
                checkpoint.numSubtasks(), Optional.empty());
    }

    private static CheckpointStatsEntry of(
            PendingCheckpoint pending, Status status, Optional<CheckpointFailure> failure) {
        return new CheckpointStatsEntry(pending.checkpointId(), status, pending.type(), pending.triggerTimestamp(),
                pending.latestAcknowledgement(), pending.stateSize(), pending.incrementalSize(),
                pending.numTasks(), pending.numAcknowledged(), failure);
    }

    public boolean isSavepoint() {
        return type.isSavepoint();
    }

    /**
     * Flink's end-to-end duration: from the trigger to the failure for a failed checkpoint, otherwise to the latest
     * acknowledgement (zero before the first).
     */
    public Duration endToEndDuration() {
        Instant end = failure.map(CheckpointFailure::failureTimestamp)
                .or(() -> latestAcknowledgement)
                .orElse(triggerTimestamp);
        return Duration.between(triggerTimestamp, end);
    }
}
