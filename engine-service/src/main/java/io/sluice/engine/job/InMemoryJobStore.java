package io.sluice.engine.job;

import io.sluice.engine.checkpoint.CheckpointIdCounter;
import io.sluice.engine.checkpoint.CompletedCheckpointStore;
import io.sluice.engine.checkpoint.InMemoryCheckpointIdCounter;
import io.sluice.engine.checkpoint.InMemoryCompletedCheckpointStore;
import io.sluice.protocol.JobId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps jobs and checkpoint metadata in memory: an engine restart loses them. Without {@code sluice.engine.ha-dir}. */
public final class InMemoryJobStore implements JobStore {

    private final Map<JobId, JobRecord> jobs = new LinkedHashMap<>();
    private final Map<JobId, CompletedCheckpointStore> checkpoints = new HashMap<>();
    private final Map<JobId, CheckpointIdCounter> ids = new HashMap<>();

    @Override
    public void put(JobRecord job) {
        jobs.put(job.plan().jobId(), job);
    }

    @Override
    public void remove(JobId job) {
        jobs.remove(job);
        checkpoints.remove(job);
        ids.remove(job);
    }

    @Override
    public List<JobRecord> jobs() {
        return List.copyOf(jobs.values());
    }

    @Override
    public CompletedCheckpointStore checkpoints(JobId job) {
        return checkpoints.computeIfAbsent(job, j -> new InMemoryCompletedCheckpointStore());
    }

    @Override
    public CheckpointIdCounter checkpointIds(JobId job, long firstId) {
        return ids.computeIfAbsent(job, j -> new InMemoryCheckpointIdCounter(firstId));
    }
}
