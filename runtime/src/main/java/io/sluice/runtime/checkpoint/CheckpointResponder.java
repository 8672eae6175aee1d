package io.sluice.runtime.checkpoint;

import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskSnapshot;

/** Tells the checkpoint coordinator how a task's snapshot went. Called on the task thread; must not block long. */
public interface CheckpointResponder {

    void acknowledge(TaskId task, long checkpointId, TaskSnapshot snapshot);

    void decline(TaskId task, long checkpointId, String reason);
}
