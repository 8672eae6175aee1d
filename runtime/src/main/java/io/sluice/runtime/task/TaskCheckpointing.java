package io.sluice.runtime.task;

import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskRestore;
import io.sluice.protocol.TaskSnapshot;
import io.sluice.runtime.checkpoint.CheckpointResponder;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import io.sluice.runtime.state.StateBackendFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a task needs to take part in checkpoints, by deployment: where snapshots go, who hears of them, and which
 * keyed state backend the task creates.
 */
public record TaskCheckpointing(
        CheckpointStorage storage,
        CheckpointResponder responder,
        StateBackendFactory stateBackends,
        String restoreLocation,
        List<TaskRestore.OperatorRestore> savepointState) {

    /**
     * @param restoreLocation the location of the task's snapshot to resume from (as it acknowledged it), or null
     * @param savepointState resuming from a savepoint: where its operators' state lies (empty otherwise)
     */
    public TaskCheckpointing {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(stateBackends, "stateBackends");
        savepointState = savepointState == null ? List.of() : List.copyOf(savepointState);
        if (restoreLocation != null && !savepointState.isEmpty()) {
            throw new IllegalArgumentException("a task resumes from its own snapshot or from a savepoint, not both");
        }
    }

    /** Resumes from the task's own snapshot at {@code restoreLocation}, or starts from scratch when it is null. */
    public TaskCheckpointing(CheckpointStorage storage, CheckpointResponder responder, StateBackendFactory stateBackends,
            String restoreLocation) {
        this(storage, responder, stateBackends, restoreLocation, List.of());
    }

    /** As the deployment says: from scratch, from the task's snapshot or from a savepoint. */
    public static TaskCheckpointing of(CheckpointStorage storage, CheckpointResponder responder,
            StateBackendFactory stateBackends, TaskRestore restore) {
        if (restore == null) {
            return new TaskCheckpointing(storage, responder, stateBackends, null, List.of());
        }
        return new TaskCheckpointing(storage, responder, stateBackends, restore.location(), restore.operators());
    }

    /** Starts from scratch. */
    public TaskCheckpointing(CheckpointStorage storage, CheckpointResponder responder, StateBackendFactory stateBackends) {
        this(storage, responder, stateBackends, null, List.of());
    }

    /**
     * Heap state and no coordinator: for the local runner and tests, where nothing triggers checkpoints. A
     * checkpoint that happens anyway (a barrier from a job with checkpointing) is refused loudly.
     */
    public static TaskCheckpointing withoutCoordinator(Path storageRoot) {
        return new TaskCheckpointing(new CheckpointStorage(storageRoot), new CheckpointResponder() {
            @Override
            public void acknowledge(TaskId task, long checkpointId, TaskSnapshot snapshot) {
                throw new IllegalStateException("no checkpoint coordinator for " + task);
            }

            @Override
            public void decline(TaskId task, long checkpointId, String reason) {
                throw new IllegalStateException("no checkpoint coordinator for " + task);
            }
        }, StateBackendFactory.IN_MEMORY);
    }
}
