package io.sluice.engine.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An immutable copy of a job's checkpoint statistics, safe to hand to another thread. Its four parts are the four
 * parts of Flink's {@code GET /jobs/{jobid}/checkpoints}.
 *
 * @param history the most recent checkpoints, newest first, at most 10 (Flink's default history size)
 */
public record CheckpointStatsSnapshot(
        Counts counts, Summary summary, Latest latest, List<CheckpointStatsEntry> history) {

    public CheckpointStatsSnapshot {
        history = List.copyOf(history);
    }

    /** Counted since the coordinator was created; {@code inProgress} is 0 or 1. */
    public record Counts(long triggered, long inProgress, long completed, long failed, long restored) {}

    /** Over completed checkpoints and savepoints; durations in milliseconds. */
    public record Summary(StatsSummary stateSize, StatsSummary incrementalSize, StatsSummary endToEndDurationMillis) {}

    /** {@code completed} excludes savepoints, which have their own slot, as in Flink. */
    public record Latest(
            Optional<CheckpointStatsEntry> completed,
            Optional<CheckpointStatsEntry> savepoint,
            Optional<CheckpointStatsEntry> failed,
            Optional<Restored> restored) {}

    /** The checkpoint or savepoint the job last restored from. */
    public record Restored(long checkpointId, Instant restoreTimestamp, CheckpointType type) {

        public boolean isSavepoint() {
            return type.isSavepoint();
        }

        public Optional<String> externalPath() {
            return type.targetDirectory();
        }
    }
}
