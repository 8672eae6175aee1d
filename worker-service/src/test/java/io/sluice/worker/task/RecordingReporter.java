package io.sluice.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link StatusReporter} that keeps what it is told, for tests to wait on. */
final class RecordingReporter implements StatusReporter {

    private final BlockingQueue<ControlMessage.ToEngine> arrived = new LinkedBlockingQueue<>();
    private final List<TaskStateChanged> seen = new ArrayList<>();

    @Override
    public void report(ControlMessage.ToEngine message) {
        arrived.add(message);
    }

    /** Waits (bounded) until the task reported the state, and returns that report. */
    TaskStateChanged await(TaskId task, TaskState state) throws InterruptedException {
        while (true) {
            for (TaskStateChanged change : seen) {
                if (change.task().equals(task) && change.state() == state) {
                    return change;
                }
            }
            ControlMessage.ToEngine next = arrived.poll(20, TimeUnit.SECONDS);
            assertThat(next).as("a report of %s as %s; reports so far: %s", task, state, seen).isNotNull();
            seen.add((TaskStateChanged) next);
        }
    }

    /** All state changes of a task reported so far, in order. */
    List<TaskState> statesOf(TaskId task) {
        List<ControlMessage.ToEngine> drained = new ArrayList<>();
        arrived.drainTo(drained);
        drained.forEach(message -> seen.add((TaskStateChanged) message));
        return seen.stream().filter(c -> c.task().equals(task)).map(TaskStateChanged::state).toList();
    }
}
