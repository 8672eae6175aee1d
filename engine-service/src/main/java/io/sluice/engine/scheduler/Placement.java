package io.sluice.engine.scheduler;

import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where each task of a job goes: one slot of a worker per task. Iteration follows the plan's task order. */
public record Placement(Map<TaskId, WorkerId> assignments) {

    public Placement {
        assignments = Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
    }

    /** The tasks of each worker, in plan order: one deploy message per worker. */
    public Map<WorkerId, List<TaskId>> byWorker() {
        Map<WorkerId, List<TaskId>> grouped = new LinkedHashMap<>();
        assignments.forEach((task, worker) -> grouped.computeIfAbsent(worker, w -> new ArrayList<>()).add(task));
        return grouped;
    }
}
