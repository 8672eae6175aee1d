package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.engine.job.JobMaster;
import io.sluice.engine.job.TaskExecution;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /jobs/overview}: one line per job, Flink's shape. */
public record JobsOverview(List<Job> jobs) {

    public record Job(
            String jid,
            String name,
            String state,
            @JsonProperty("start-time") long startTime,
            @JsonProperty("end-time") long endTime,
            long duration,
            @JsonProperty("last-modification") long lastModification,
            Map<String, Integer> tasks) {}

    static JobsOverview of(Collection<JobMaster> jobs, Instant now) {
        return new JobsOverview(jobs.stream().map(j -> line(j, now)).toList());
    }

    private static Job line(JobMaster job, Instant now) {
        return new Job(
                job.id().hex(),
                job.name(),
                job.status().name(),
                RestTime.millis(job.startTime()),
                RestTime.millis(job.endTime()),
                RestTime.duration(Optional.of(job.startTime()), job.endTime(), now),
                RestTime.millis(job.lastModification()),
                TaskCounts.withTotal(job.tasks().stream().map(TaskExecution::state).toList()));
    }
}
