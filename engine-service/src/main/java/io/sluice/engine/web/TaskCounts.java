package io.sluice.engine.web;

import io.sluice.engine.job.ExecutionState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Counts of tasks (or vertices) per execution state, every state present, as Flink reports them. */
final class TaskCounts {

    private TaskCounts() {}

    /** {@code {"CREATED": 0, "DEPLOYING": 1, ...}}: Flink's shape in job details. */
    static Map<String, Integer> byState(Collection<ExecutionState> states) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ExecutionState state : ExecutionState.values()) {
            counts.put(state.name(), 0);
        }
        states.forEach(s -> counts.merge(s.name(), 1, Integer::sum));
        return counts;
    }

    /** {@code {"total": 4, "created": 0, "running": 4, ...}}: Flink's shape in the jobs overview. */
    static Map<String, Integer> withTotal(Collection<ExecutionState> states) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("total", states.size());
        byState(states).forEach((state, n) -> counts.put(state.toLowerCase(Locale.ROOT), n));
        return counts;
    }
}
