package io.sluice.engine.job;

import io.sluice.protocol.ExecutionPlan;
import java.time.Instant;
import java.util.List;

/**
 * What the engine stores of a job so that a restarted engine can take it over: the plan (graph included), the status,
 * the highest attempt ever deployed (the next attempt must be higher, so that records and tasks of every earlier
 * attempt are fenced off), the restarts and the exception history.
 *
 * @param deployed whether any task of {@code attempt} was sent to a worker (a job still waiting for slots was not)
 */
public record JobRecord(
        ExecutionPlan plan,
        JobStatus status,
        int attempt,
        boolean deployed,
        int restarts,
        Instant submitted,
        String failureCause,
        List<JobException> exceptions) {

    public JobRecord {
        exceptions = List.copyOf(exceptions);
    }
}
