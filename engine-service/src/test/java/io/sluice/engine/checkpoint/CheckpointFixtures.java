package io.sluice.engine.checkpoint;

import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A three-task job (two source subtasks feeding one sink) and helpers shared by the checkpoint tests. */
final class CheckpointFixtures {

    static final JobId JOB = new JobId("0123456789abcdef0123456789abcdef");
    static final TaskId SOURCE_0 = new TaskId(JOB, "source", 0);
    static final TaskId SOURCE_1 = new TaskId(JOB, "source", 1);
    static final TaskId SINK = new TaskId(JOB, "sink", 0);
    static final List<TaskId> TASKS = List.of(SOURCE_0, SOURCE_1, SINK);
    static final CheckpointPlan PLAN =
            new CheckpointPlan(JOB, new LinkedHashSet<>(TASKS), new LinkedHashSet<>(List.of(SOURCE_0, SOURCE_1)));
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private CheckpointFixtures() {}

    static CheckpointConfig config(Duration interval, Duration timeout, Duration minPause, int retained) {
        return new CheckpointConfig(interval, timeout, minPause, 1, retained, CheckpointingMode.EXACTLY_ONCE);
    }

    /** A handle whose sizes identify the task and checkpoint, so mixed-up handles show. */
    static SubtaskStateHandle handle(TaskId task, long checkpointId) {
        long size = 1_000 * checkpointId + TASKS.indexOf(task);
        return new SubtaskStateHandle("file:///checkpoints/" + checkpointId + "/" + task.chainId() + "-"
                + task.subtask(), size, size / 10);
    }

    static CompletedCheckpoint completed(long checkpointId, CheckpointType type) {
        Instant trigger = T0.plusSeconds(checkpointId);
        return new CompletedCheckpoint(JOB, checkpointId, trigger, trigger.plusMillis(100), type,
                Map.of(SINK, handle(SINK, checkpointId)));
    }
}
