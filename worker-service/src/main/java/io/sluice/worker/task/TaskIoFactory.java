package io.sluice.worker.task;

import io.sluice.protocol.TaskId;
import io.sluice.runtime.io.TaskIo;

/** Creates the I/O of one task: Kafka on a worker, in-memory in tests. */
@FunctionalInterface
public interface TaskIoFactory {

    /** Called on the task's own thread, once per task. */
    TaskIo create(TaskId task, int attempt, ClassLoader userClassLoader);
}
