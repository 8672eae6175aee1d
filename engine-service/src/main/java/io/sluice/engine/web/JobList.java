package io.sluice.engine.web;

import io.sluice.engine.job.JobMaster;
import java.util.Collection;
import java.util.List;

/** {@code GET /jobs}: every job's id and status. */
public record JobList(List<Entry> jobs) {

    public record Entry(String id, String status) {}

    static JobList of(Collection<JobMaster> jobs) {
        return new JobList(jobs.stream().map(j -> new Entry(j.id().hex(), j.status().name())).toList());
    }
}
