package io.sluice.engine.job;

import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import java.time.Instant;
import java.util.Optional;

/** One task of a job attempt as the engine sees it: where it runs and how far it got. Mutated by its JobMaster. */
public final class TaskExecution {

    private final TaskId id;
    private WorkerId worker;
    private ExecutionState state = ExecutionState.CREATED;
    private Instant startTime;
    private Instant endTime;

    TaskExecution(TaskId id) {
        this.id = id;
    }

    public TaskId id() {
        return id;
    }

    public Optional<WorkerId> worker() {
        return Optional.ofNullable(worker);
    }

    public ExecutionState state() {
        return state;
    }

    /** When the task was deployed. */
    public Optional<Instant> startTime() {
        return Optional.ofNullable(startTime);
    }

    public Optional<Instant> endTime() {
        return Optional.ofNullable(endTime);
    }

    /** Deployed and not yet terminal: it holds a slot on a worker. */
    boolean isActive() {
        return worker != null && !state.isTerminal();
    }

    void deploy(WorkerId target, Instant now) {
        worker = target;
        state = ExecutionState.DEPLOYING;
        startTime = now;
    }

    /**
     * Applies a state reported by the worker or decided by the engine. Terminal states are final, and a task
     * being cancelled only moves on to a terminal state (a late RUNNING report does not undo the cancel).
     *
     * @return whether anything changed
     */
    boolean update(ExecutionState next, Instant now) {
        if (state.isTerminal() || state == next || (state == ExecutionState.CANCELING && !next.isTerminal())) {
            return false;
        }
        state = next;
        if (next.isTerminal()) {
            endTime = now;
        }
        return true;
    }
}
