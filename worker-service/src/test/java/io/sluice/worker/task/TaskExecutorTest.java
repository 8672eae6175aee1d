package io.sluice.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.WorkerId;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.plan.JobPlanner;
import java.time.Clock;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import io.sluice.worker.state.WorkerStateBackends;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskExecutorTest {

    private static final WorkerId WORKER = new WorkerId("worker-test");
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_234), ZoneOffset.UTC);
    private static final int ATTEMPT = 3;

    private final RecordingReporter reporter = new RecordingReporter();

    @Test
    void bounded_task_runs_then_finishes_and_frees_its_slot() throws Exception {
        ExecutionPlan plan = plan(new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.SEQUENCE, 5, 0, 0, "value"), 1);
        TaskExecutor executor = executor(1, new FakeTaskIo(null));
        TaskId task = task(plan, 0);

        executor.deploy(plan, ATTEMPT, List.of(task));

        TaskStateChanged finished = reporter.await(task, TaskState.FINISHED);
        assertThat(reporter.statesOf(task)).containsExactly(TaskState.RUNNING, TaskState.FINISHED);
        assertThat(finished.worker()).isEqualTo(WORKER);
        assertThat(finished.attempt()).isEqualTo(ATTEMPT);
        assertThat(finished.failure()).isNull();
        assertThat(finished.timestampMillis()).isEqualTo(1_234);
        assertThat(executor.runningTasks()).isEmpty();
    }

    @Test
    void cancelled_job_reports_canceled() throws Exception {
        ExecutionPlan plan = unboundedPlan(2);
        TaskExecutor executor = executor(2, new FakeTaskIo(null));
        List<TaskId> tasks = List.of(task(plan, 0), task(plan, 1));
        executor.deploy(plan, ATTEMPT, tasks);
        for (TaskId task : tasks) {
            reporter.await(task, TaskState.RUNNING);
        }
        assertThat(executor.runningTasks()).containsExactlyInAnyOrderElementsOf(tasks);

        executor.cancelJob(plan.jobId()).get(20, TimeUnit.SECONDS);

        for (TaskId task : tasks) {
            assertThat(reporter.statesOf(task)).containsExactly(TaskState.RUNNING, TaskState.CANCELED);
        }
        assertThat(executor.runningTasks()).isEmpty();
    }

    @Test
    void cancel_leaves_other_jobs_running() throws Exception {
        ExecutionPlan first = unboundedPlan(1);
        ExecutionPlan second = unboundedPlan(1);
        TaskExecutor executor = executor(2, new FakeTaskIo(null));
        executor.deploy(first, ATTEMPT, List.of(task(first, 0)));
        executor.deploy(second, ATTEMPT, List.of(task(second, 0)));
        reporter.await(task(second, 0), TaskState.RUNNING);

        executor.cancelJob(first.jobId()).get(20, TimeUnit.SECONDS);

        assertThat(reporter.statesOf(task(first, 0))).contains(TaskState.CANCELED);
        assertThat(executor.runningTasks()).containsExactly(task(second, 0));
        executor.cancelAll().get(20, TimeUnit.SECONDS);
        assertThat(reporter.statesOf(task(second, 0))).containsExactly(TaskState.RUNNING, TaskState.CANCELED);
    }

    @Test
    void failing_task_reports_failed_with_root_cause_and_stack() throws Exception {
        ExecutionPlan plan = kafkaSourcePlan();
        SourceReader broken = output -> {
            throw new IllegalStateException("wrapper", new IllegalArgumentException("broker on fire"));
        };
        TaskExecutor executor = executor(1, new FakeTaskIo(broken));
        TaskId task = task(plan, 0);

        executor.deploy(plan, ATTEMPT, List.of(task));

        TaskStateChanged failed = reporter.await(task, TaskState.FAILED);
        assertThat(failed.failure())
                .startsWith("java.lang.IllegalArgumentException: broker on fire")
                .contains("\tat " + TaskExecutorTest.class.getName());
        assertThat(executor.runningTasks()).isEmpty();
    }

    @Test
    void tasks_beyond_the_free_slots_are_refused() throws Exception {
        ExecutionPlan plan = unboundedPlan(3);
        TaskExecutor executor = executor(2, new FakeTaskIo(null));
        List<TaskId> tasks = IntStream.range(0, 3).mapToObj(s -> task(plan, s)).toList();

        executor.deploy(plan, ATTEMPT, tasks);

        TaskStateChanged refused = reporter.await(tasks.get(2), TaskState.FAILED);
        assertThat(refused.failure()).contains("no free slot").contains(tasks.get(2).toString());
        reporter.await(tasks.get(0), TaskState.RUNNING);
        reporter.await(tasks.get(1), TaskState.RUNNING);
        assertThat(executor.runningTasks()).containsExactlyInAnyOrder(tasks.get(0), tasks.get(1));

        executor.cancelJob(plan.jobId()).get(20, TimeUnit.SECONDS);
        assertThat(executor.runningTasks()).isEmpty();

        ExecutionPlan next = unboundedPlan(2);
        executor.deploy(next, ATTEMPT, List.of(task(next, 0), task(next, 1)));
        reporter.await(task(next, 0), TaskState.RUNNING);
        reporter.await(task(next, 1), TaskState.RUNNING);
        executor.cancelAll().get(20, TimeUnit.SECONDS);
    }

    @Test
    void a_task_already_running_is_not_deployed_twice() throws Exception {
        ExecutionPlan plan = unboundedPlan(1);
        TaskExecutor executor = executor(2, new FakeTaskIo(null));
        TaskId task = task(plan, 0);
        executor.deploy(plan, ATTEMPT, List.of(task));
        reporter.await(task, TaskState.RUNNING);

        executor.deploy(plan, ATTEMPT + 1, List.of(task));

        TaskStateChanged refused = reporter.await(task, TaskState.FAILED);
        assertThat(refused.attempt()).isEqualTo(ATTEMPT + 1);
        assertThat(refused.failure()).contains("already running");
        assertThat(executor.runningTasks()).containsExactly(task);
        executor.cancelAll().get(20, TimeUnit.SECONDS);
    }

    @Test
    void a_task_that_ignores_cancel_is_interrupted() throws Exception {
        ExecutionPlan plan = kafkaSourcePlan();
        CountDownLatch never = new CountDownLatch(1);
        SourceReader stuck = new SourceReader() {
            @Override
            public Status pollNext(Output output) throws InterruptedException {
                never.await();
                return Status.END_OF_INPUT;
            }
        };
        TaskExecutor executor =
                new TaskExecutor(WORKER, 1, (t, a, cl) -> new FakeTaskIo(stuck), reporter, loader(), CLOCK, Duration.ofMillis(50),
                        new CheckpointStorage(Path.of("target", "checkpoints")), WorkerStateBackends.heap());
        TaskId task = task(plan, 0);
        executor.deploy(plan, ATTEMPT, List.of(task));
        reporter.await(task, TaskState.RUNNING);

        executor.cancelJob(plan.jobId()).get(20, TimeUnit.SECONDS);

        // The future gives up waiting after the interrupt plus cancelTimeout; the task reports when it has stopped.
        reporter.await(task, TaskState.CANCELED);
        assertThat(reporter.statesOf(task)).containsExactly(TaskState.RUNNING, TaskState.CANCELED);
        assertThat(executor.runningTasks()).isEmpty();
    }

    private TaskExecutor executor(int slots, FakeTaskIo io) {
        return new TaskExecutor(WORKER, slots, (task, attempt, cl) -> io, reporter, loader(), CLOCK, Duration.ofSeconds(10),
                new CheckpointStorage(Path.of("target", "checkpoints")), WorkerStateBackends.heap());
    }

    private static ClassLoader loader() {
        return TaskExecutorTest.class.getClassLoader();
    }

    /** An unbounded generator: runs until cancelled. */
    private static ExecutionPlan unboundedPlan(int parallelism) {
        return plan(new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.SEQUENCE, -1, 0, 0, "value"), parallelism);
    }

    private static ExecutionPlan kafkaSourcePlan() {
        return plan(new OperatorSpec.KafkaSource("in", null, OperatorSpec.StartFrom.EARLIEST, false, OperatorSpec.RecordFormat.JSON), 1);
    }

    /** One chain: the source, a filter that drops every record (keeps test output quiet), a print sink. */
    private static ExecutionPlan plan(OperatorSpec source, int parallelism) {
        JobGraph graph = new JobGraph(
                "test",
                List.of(
                        new VertexSpec("src", "src", parallelism, source),
                        new VertexSpec("none", "none", parallelism,
                                new OperatorSpec.Filter(new FunctionSpec.Expression("false"))),
                        new VertexSpec("out", "out", parallelism, new OperatorSpec.PrintSink("test"))),
                List.of(EdgeSpec.forward("src", "none"), EdgeSpec.forward("none", "out")),
                new JobConfig(parallelism, JobConfig.DEFAULT_MAX_PARALLELISM));
        return JobPlanner.plan(JobId.random(), graph);
    }

    private static TaskId task(ExecutionPlan plan, int subtask) {
        return new TaskId(plan.jobId(), plan.chains().get(0).id(), subtask);
    }
}
