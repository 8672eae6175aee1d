package io.sluice.engine.scheduler;

import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places a job's tasks into free slots, all or nothing: a job runs only with all its tasks deployed (streaming
 * tasks exchange data continuously), so a partial placement would only hold slots hostage.
 *
 * <p>Tasks are dealt round-robin over the workers, chain by chain, so the subtasks of a chain land on different
 * workers where possible. Workers with more free slots come first, which spreads load across jobs too.
 */
public final class Scheduler {

    /** A placement for every task of the plan, or empty if the free slots do not suffice. Does not allocate. */
    public Optional<Placement> place(ExecutionPlan plan, WorkerRegistry registry) {
        if (plan.taskCount() > registry.freeSlots()) {
            return Optional.empty();
        }
        List<Worker> workers = registry.workers().stream()
                .filter(w -> w.freeSlots() > 0)
                .sorted(Comparator.comparingInt(Worker::freeSlots).reversed()
                        .thenComparing(w -> w.id().value()))
                .toList();
        int[] free = workers.stream().mapToInt(Worker::freeSlots).toArray();
        Map<TaskId, WorkerId> assignments = new LinkedHashMap<>();
        int cursor = 0;
        for (ChainSpec chain : plan.chains()) {
            for (int subtask = 0; subtask < chain.parallelism(); subtask++) {
                while (free[cursor % free.length] == 0) {
                    cursor++;
                }
                int chosen = cursor % free.length;
                free[chosen]--;
                assignments.put(new TaskId(plan.jobId(), chain.id(), subtask), workers.get(chosen).id());
                cursor++;
            }
        }
        return Optional.of(new Placement(assignments));
    }
}
