package io.sluice.engine.checkpoint;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Tracks one job's checkpoint statistics, fed by the {@link CheckpointCoordinator} as checkpoints progress. Lives as
 * long as the coordinator (Flink's are not kept across a JobManager restart either). Not thread-safe; read it through
 * {@link #snapshot()}.
 */
final class CheckpointStats {

    /** Flink's default {@code web.checkpoints.history}. */
    static final int HISTORY_SIZE = 10;

    /** Completed checkpoints the quantiles are computed over. */
    static final int SUMMARY_WINDOW = 1_000;

    /** Newest first. */
    private final List<CheckpointStatsEntry> history = new ArrayList<>();
    private final Accumulator stateSize = new Accumulator();
    private final Accumulator incrementalSize = new Accumulator();
    private final Accumulator endToEndMillis = new Accumulator();
    private long triggered;
    private long completed;
    private long failed;
    private long restored;
    private CheckpointStatsEntry latestCompleted;
    private CheckpointStatsEntry latestSavepoint;
    private CheckpointStatsEntry latestFailed;
    private CheckpointStatsSnapshot.Restored latestRestored;

    void triggered(PendingCheckpoint pending) {
        triggered++;
        history.add(0, CheckpointStatsEntry.inProgress(pending));
        if (history.size() > HISTORY_SIZE) {
            history.remove(HISTORY_SIZE);
        }
    }

    void acknowledged(PendingCheckpoint pending) {
        replace(CheckpointStatsEntry.inProgress(pending));
    }

    void completed(CompletedCheckpoint checkpoint) {
        completed++;
        CheckpointStatsEntry entry = CheckpointStatsEntry.completed(checkpoint);
        replace(entry);
        if (checkpoint.isSavepoint()) {
            latestSavepoint = entry;
        } else {
            latestCompleted = entry;
        }
        stateSize.add(checkpoint.stateSize());
        incrementalSize.add(checkpoint.incrementalSize());
        endToEndMillis.add(checkpoint.duration().toMillis());
    }

    void failed(PendingCheckpoint pending, CheckpointFailure failure) {
        failed++;
        latestFailed = CheckpointStatsEntry.failed(pending, failure);
        replace(latestFailed);
    }

    void restored(CompletedCheckpoint checkpoint, Instant now) {
        restored(checkpoint.checkpointId(), checkpoint.type(), now);
    }

    void restored(long checkpointId, CheckpointType type, Instant now) {
        restored++;
        latestRestored = new CheckpointStatsSnapshot.Restored(checkpointId, now, type);
    }

    CheckpointStatsSnapshot snapshot() {
        return new CheckpointStatsSnapshot(
                new CheckpointStatsSnapshot.Counts(triggered, triggered - completed - failed, completed, failed,
                        restored),
                new CheckpointStatsSnapshot.Summary(
                        stateSize.summary(), incrementalSize.summary(), endToEndMillis.summary()),
                new CheckpointStatsSnapshot.Latest(Optional.ofNullable(latestCompleted),
                        Optional.ofNullable(latestSavepoint), Optional.ofNullable(latestFailed),
                        Optional.ofNullable(latestRestored)),
                history);
    }

    /** Updates the history row of the entry's checkpoint; it is there unless HISTORY_SIZE newer ones pushed it out. */
    private void replace(CheckpointStatsEntry entry) {
        history.replaceAll(row -> row.checkpointId() == entry.checkpointId() ? entry : row);
    }

    /** Count, min, max and sum over all values; the last SUMMARY_WINDOW values for quantiles. */
    private static final class Accumulator {
        private final Deque<Long> window = new ArrayDeque<>();
        private long count;
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;
        private long sum;

        void add(long value) {
            count++;
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
            window.addLast(value);
            if (window.size() > SUMMARY_WINDOW) {
                window.removeFirst();
            }
        }

        StatsSummary summary() {
            if (count == 0) {
                return StatsSummary.EMPTY;
            }
            long[] sorted = window.stream().mapToLong(Long::longValue).sorted().toArray();
            return new StatsSummary(count, min, max, (double) sum / count, quantile(sorted, 0.5),
                    quantile(sorted, 0.9), quantile(sorted, 0.95), quantile(sorted, 0.99), quantile(sorted, 0.999));
        }

        /** Nearest rank: the smallest value with at least a fraction {@code p} of the values at or below it. */
        private static long quantile(long[] sorted, double p) {
            // The epsilon keeps 0.95 × 100 = 95.00000000000001 at rank 95.
            int rank = (int) Math.ceil(p * sorted.length - 1e-9);
            return sorted[Math.max(rank, 1) - 1];
        }
    }
}
