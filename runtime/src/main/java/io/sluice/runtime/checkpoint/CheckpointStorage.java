package io.sluice.runtime.checkpoint;

import io.sluice.protocol.TaskId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where tasks write their snapshots: {@code <root>/<jobid>/chk-<n>/<chain>-<subtask>/}. The root must survive the
 * loss of any worker (a shared directory; the local cluster uses one on the local disk).
 */
public record CheckpointStorage(Path root) {

    public CheckpointStorage {
        Objects.requireNonNull(root, "root");
    }

    /** The directory of one task's snapshot of one checkpoint. */
    public Path taskDirectory(TaskId task, long checkpointId) {
        return root.resolve(task.jobId().hex())
                .resolve("chk-" + checkpointId)
                .resolve(task.chainId() + "-" + task.subtask());
    }

    /** The file of an operator's own state in a task's snapshot directory: {@code operator-<uid>.state}. */
    public static Path operatorStateFile(Path taskDirectory, String uid) {
        return taskDirectory.resolve("operator-" + uid + ".state");
    }

    /** The directory of one task's snapshot in a savepoint: {@code <savepoint>/<chain>-<subtask>/}. */
    public static Path savepointTaskDirectory(Path savepoint, TaskId task) {
        return savepoint.resolve(task.chainId() + "-" + task.subtask());
    }
}
