package io.sluice.engine.job;

import io.sluice.engine.checkpoint.CheckpointIdCounter;
import io.sluice.engine.checkpoint.CompletedCheckpointStore;
import io.sluice.protocol.JobId;
import java.util.List;

/**
 * Where the engine keeps what it must find again after a restart (Flink's high-availability services): every job
 * that has not ended, and each job's completed checkpoints and checkpoint id counter. Job manager thread only.
 */
public interface JobStore {

    /** Saves the job's record, replacing the previous one. Durable when it returns. */
    void put(JobRecord job);

    /** Forgets an ended job: its record, checkpoint metadata and id counter. */
    void remove(JobId job);

    /** Every stored job, in no particular order. */
    List<JobRecord> jobs();

    /** The job's completed checkpoints; stored as long as the job is. */
    CompletedCheckpointStore checkpoints(JobId job);

    /**
     * The job's checkpoint id counter; stored as long as the job is.
     *
     * @param firstId where a new counter starts (after the id of the savepoint a job resumes from)
     */
    CheckpointIdCounter checkpointIds(JobId job, long firstId);
}
