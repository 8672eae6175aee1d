package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.engine.job.JobManager;
import io.sluice.engine.job.JobMaster;
import io.sluice.engine.job.JobStatus;

/** {@code GET /overview}: Flink's cluster overview; "jobs-running" counts every job not yet ended. */
public record ClusterOverview(
        int taskmanagers,
        @JsonProperty("slots-total") int slotsTotal,
        @JsonProperty("slots-available") int slotsAvailable,
        @JsonProperty("jobs-running") long jobsRunning,
        @JsonProperty("jobs-finished") long jobsFinished,
        @JsonProperty("jobs-cancelled") long jobsCancelled,
        @JsonProperty("jobs-failed") long jobsFailed,
        @JsonProperty("sluice-version") String sluiceVersion,
        @JsonProperty("sluice-commit") String sluiceCommit) {

    static ClusterOverview of(JobManager jobManager, SluiceVersion version) {
        var workers = jobManager.workers();
        var jobs = jobManager.jobs();
        return new ClusterOverview(
                workers.workers().size(),
                workers.totalSlots(),
                workers.freeSlots(),
                jobs.stream().filter(j -> !j.status().isTerminal()).count(),
                jobs.stream().map(JobMaster::status).filter(JobStatus.FINISHED::equals).count(),
                jobs.stream().map(JobMaster::status).filter(JobStatus.CANCELED::equals).count(),
                jobs.stream().map(JobMaster::status).filter(JobStatus.FAILED::equals).count(),
                version.version(),
                version.commit());
    }
}
