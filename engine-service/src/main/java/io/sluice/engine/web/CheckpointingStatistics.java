package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.engine.checkpoint.CheckpointStatsEntry;
import io.sluice.engine.checkpoint.CheckpointStatsSnapshot;
import io.sluice.engine.checkpoint.StatsSummary;
import java.nio.file.Path;
import java.util.List;

/** {@code GET /jobs/{jobid}/checkpoints}, in Flink's shape and names; times in epoch millis, sizes in bytes. */
public record CheckpointingStatistics(Counts counts, Summary summary, Latest latest, List<Checkpoint> history) {

    public record Counts(
            long restored, long total, @JsonProperty("in_progress") long inProgress, long completed, long failed) {}

    public record Summary(
            @JsonProperty("state_size") Quantiles stateSize,
            @JsonProperty("checkpointed_size") Quantiles checkpointedSize,
            @JsonProperty("end_to_end_duration") Quantiles endToEndDuration) {}

    public record Quantiles(long min, long max, long avg, long p50, long p90, long p95, long p99, long p999) {

        static Quantiles of(StatsSummary summary) {
            return new Quantiles(summary.min(), summary.max(), Math.round(summary.average()), summary.p50(),
                    summary.p90(), summary.p95(), summary.p99(), summary.p999());
        }
    }

    public record Latest(Checkpoint completed, Checkpoint savepoint, Checkpoint failed, Restored restored) {}

    public record Restored(
            long id,
            @JsonProperty("restore_timestamp") long restoreTimestamp,
            @JsonProperty("is_savepoint") boolean isSavepoint,
            @JsonProperty("external_path") String externalPath) {}

    /**
     * A row of the history (and of the latest ones); {@code failure_message} only for FAILED, {@code external_path}
     * (the savepoint's location) only for a completed savepoint.
     */
    public record Checkpoint(
            long id,
            String status,
            @JsonProperty("is_savepoint") boolean isSavepoint,
            @JsonProperty("trigger_timestamp") long triggerTimestamp,
            @JsonProperty("latest_ack_timestamp") long latestAckTimestamp,
            @JsonProperty("state_size") long stateSize,
            @JsonProperty("checkpointed_size") long checkpointedSize,
            @JsonProperty("end_to_end_duration") long endToEndDuration,
            @JsonProperty("num_subtasks") int numSubtasks,
            @JsonProperty("num_acknowledged_subtasks") int numAcknowledgedSubtasks,
            @JsonProperty("checkpoint_type") String checkpointType,
            @JsonProperty("external_path") String externalPath,
            @JsonProperty("failure_message") String failureMessage) {

        static Checkpoint of(CheckpointStatsEntry entry) {
            return new Checkpoint(entry.checkpointId(), entry.status().name(), entry.isSavepoint(),
                    RestTime.millis(entry.triggerTimestamp()), RestTime.millis(entry.latestAcknowledgement()),
                    entry.stateSize(), entry.incrementalSize(), entry.endToEndDuration().toMillis(),
                    entry.numSubtasks(), entry.numAcknowledgedSubtasks(),
                    entry.isSavepoint() ? "SAVEPOINT" : "CHECKPOINT",
                    entry.status() == CheckpointStatsEntry.Status.COMPLETED
                            ? entry.type().targetDirectory().map(CheckpointingStatistics::location).orElse(null) : null,
                    entry.failure().map(f -> f.reason()).orElse(null));
        }
    }

    /** A savepoint directory as the savepoint request returned it: a {@code file:} URI. */
    private static String location(String directory) {
        return directory.startsWith("file:") ? directory : Path.of(directory).toUri().toString();
    }

    static CheckpointingStatistics of(CheckpointStatsSnapshot stats) {
        CheckpointStatsSnapshot.Counts counts = stats.counts();
        CheckpointStatsSnapshot.Latest latest = stats.latest();
        return new CheckpointingStatistics(
                new Counts(counts.restored(), counts.triggered(), counts.inProgress(), counts.completed(),
                        counts.failed()),
                new Summary(Quantiles.of(stats.summary().stateSize()), Quantiles.of(stats.summary().incrementalSize()),
                        Quantiles.of(stats.summary().endToEndDurationMillis())),
                new Latest(latest.completed().map(Checkpoint::of).orElse(null),
                        latest.savepoint().map(Checkpoint::of).orElse(null),
                        latest.failed().map(Checkpoint::of).orElse(null),
                        latest.restored().map(r -> new Restored(r.checkpointId(), RestTime.millis(r.restoreTimestamp()),
                                r.isSavepoint(), r.externalPath().map(CheckpointingStatistics::location).orElse(null))).orElse(null)),
                stats.history().stream().map(Checkpoint::of).toList());
    }
}
