package io.sluice.engine.job;

import io.sluice.protocol.TaskState;
import java.util.Collection;
import java.util.EnumSet;

/** The engine's view of a task (Flink's execution state names); a vertex's state is aggregated from its tasks. */
public enum ExecutionState {
    /** Not deployed yet: the job waits for slots. */
    CREATED,
    DEPLOYING,
    RUNNING,
    FINISHED,
    /** Cancel sent, the worker has not confirmed yet. */
    CANCELING,
    CANCELED,
    FAILED;

    public boolean isTerminal() {
        return this == FINISHED || this == CANCELED || this == FAILED;
    }

    public static ExecutionState of(TaskState state) {
        return switch (state) {
            case DEPLOYING -> DEPLOYING;
            case RUNNING -> RUNNING;
            case FINISHED -> FINISHED;
            case CANCELED -> CANCELED;
            case FAILED -> FAILED;
        };
    }

    /**
     * The state of a vertex from the states of its tasks, by Flink's rule: a common state if all agree, otherwise
     * the most significant one present (failed, canceling, canceled, running; a mix of finished and unfinished
     * tasks counts as running).
     */
    public static ExecutionState aggregate(Collection<ExecutionState> states) {
        EnumSet<ExecutionState> present = states.isEmpty() ? EnumSet.of(CREATED) : EnumSet.copyOf(states);
        if (present.size() == 1) {
            return present.iterator().next();
        }
        for (ExecutionState dominant : new ExecutionState[] {FAILED, CANCELING, CANCELED, RUNNING, FINISHED}) {
            if (present.contains(dominant)) {
                return dominant == FINISHED ? RUNNING : dominant;
            }
        }
        return present.contains(DEPLOYING) ? DEPLOYING : CREATED;
    }
}
