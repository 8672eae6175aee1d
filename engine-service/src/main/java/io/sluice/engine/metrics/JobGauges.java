package io.sluice.engine.metrics;

import io.sluice.engine.checkpoint.CheckpointStatsEntry;
import io.sluice.engine.checkpoint.CheckpointStatsSnapshot;
import io.sluice.engine.job.JobMaster;
import io.sluice.engine.job.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One job's numbers for Prometheus, copied on the job manager's thread (Flink's job metrics: uptime, numRestarts,
 * numberOfCompletedCheckpoints, ..., plus the age of the last completed checkpoint). Durations in milliseconds,
 * sizes in bytes; NaN where there is nothing to measure yet.
 */
public record JobGauges(
        String jobId,
        String name,
        JobStatus status,
        double uptimeMillis,
        double restarts,
        double checkpointsCompleted,
        double checkpointsFailed,
        double checkpointsInProgress,
        double lastCheckpointDurationMillis,
        double lastCheckpointSizeBytes,
        double lastCheckpointAgeMillis) {

    public static JobGauges of(JobMaster job, Instant now) {
        Optional<CheckpointStatsSnapshot> stats = job.checkpointStats();
        Optional<CheckpointStatsEntry> last = stats.flatMap(s -> s.latest().completed());
        double uptime = job.status() == JobStatus.RUNNING
                ? Duration.between(job.timestamps().getOrDefault(JobStatus.RUNNING, job.startTime()), now).toMillis()
                : 0;
        return new JobGauges(
                job.id().hex(),
                job.name(),
                job.status(),
                uptime,
                job.restarts(),
                stats.map(s -> (double) s.counts().completed()).orElse(0.0),
                stats.map(s -> (double) s.counts().failed()).orElse(0.0),
                stats.map(s -> (double) s.counts().inProgress()).orElse(0.0),
                last.map(c -> (double) c.endToEndDuration().toMillis()).orElse(Double.NaN),
                last.map(c -> (double) c.stateSize()).orElse(Double.NaN),
                last.flatMap(CheckpointStatsEntry::latestAcknowledgement)
                        .map(at -> (double) Duration.between(at, now).toMillis()).orElse(Double.NaN));
    }
}
