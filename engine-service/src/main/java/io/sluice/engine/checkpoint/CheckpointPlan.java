package io.sluice.engine.checkpoint;

import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who takes part in a job's checkpoints: every task acknowledges each one; only the sources receive the trigger
 * (the other tasks snapshot when the barriers reach them).
 *
 * @param jobId the job
 * @param tasks every task of the job, in plan order
 * @param sources the tasks that receive the trigger; a subset of {@code tasks}
 */
public record CheckpointPlan(JobId jobId, Set<TaskId> tasks, Set<TaskId> sources) {

    public CheckpointPlan {
        tasks = Collections.unmodifiableSet(new LinkedHashSet<>(tasks));
        sources = Collections.unmodifiableSet(new LinkedHashSet<>(sources));
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("job " + jobId + " has no source tasks to trigger checkpoints");
        }
        if (!tasks.containsAll(sources)) {
            throw new IllegalArgumentException("sources must be tasks of the job: " + sources);
        }
        for (TaskId task : tasks) {
            if (!task.jobId().equals(jobId)) {
                throw new IllegalArgumentException("task " + task + " is not a task of job " + jobId);
            }
        }
    }

    /** Sources are the tasks of chains no channel feeds: only a source vertex can head such a chain. */
    public static CheckpointPlan of(ExecutionPlan plan) {
        Set<TaskId> tasks = new LinkedHashSet<>();
        Set<TaskId> sources = new LinkedHashSet<>();
        for (ChainSpec chain : plan.chains()) {
            boolean source = plan.inputsOf(chain.id()).isEmpty();
            for (int subtask = 0; subtask < chain.parallelism(); subtask++) {
                TaskId task = new TaskId(plan.jobId(), chain.id(), subtask);
                tasks.add(task);
                if (source) {
                    sources.add(task);
                }
            }
        }
        return new CheckpointPlan(plan.jobId(), tasks, sources);
    }
}
