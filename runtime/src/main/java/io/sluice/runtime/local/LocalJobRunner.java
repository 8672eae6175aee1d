package io.sluice.runtime.local;

import io.sluice.graph.JobGraph;
import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.io.TaskIo;
import io.sluice.runtime.plan.JobPlanner;
import io.sluice.runtime.metrics.TaskMetrics;
import io.sluice.runtime.task.StreamTask;
import io.sluice.runtime.task.TaskCheckpointing;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a whole job in this JVM: plans it like the engine does, then runs every task (chain × subtask) on its own
 * thread with in-memory channels between them. For tests, examples and trying jobs out. Kafka sources and sinks
 * need a Kafka I/O delegate ({@link #withKafka}); without one they fail with UnsupportedOperationException.
 * Immutable; {@code with*} return a configured copy.
 */
public final class LocalJobRunner {

    static final int DEFAULT_CHANNEL_CAPACITY = 1024;
    /** Local jobs are not checkpointed; StreamTask's default place for a storage that stays unused. */
    private static final Path CHECKPOINT_DIR = Path.of(System.getProperty("java.io.tmpdir"), "sluice-checkpoints");

    private final ClassLoader userClassLoader;
    private final Clock clock;
    private final PrintStream printOut;
    private final Function<TaskId, TaskIo> kafka;
    private final int channelCapacity;
    private final Function<TaskId, TaskMetrics> metrics;

    /** Job classes from the context class loader, the system clock, print sinks to System.out, no Kafka. */
    public LocalJobRunner() {
        this(Thread.currentThread().getContextClassLoader(), Clock.systemUTC(), System.out, null, DEFAULT_CHANNEL_CAPACITY,
                task -> TaskMetrics.NONE);
    }

    private LocalJobRunner(ClassLoader userClassLoader, Clock clock, PrintStream printOut,
            Function<TaskId, TaskIo> kafka, int channelCapacity, Function<TaskId, TaskMetrics> metrics) {
        this.userClassLoader = userClassLoader;
        this.clock = clock;
        this.printOut = printOut;
        this.kafka = kafka;
        this.channelCapacity = channelCapacity;
        this.metrics = metrics;
    }

    public LocalJobRunner withUserClassLoader(ClassLoader userClassLoader) {
        return new LocalJobRunner(userClassLoader, clock, printOut, kafka, channelCapacity, metrics);
    }

    public LocalJobRunner withClock(Clock clock) {
        return new LocalJobRunner(userClassLoader, clock, printOut, kafka, channelCapacity, metrics);
    }

    /** Where print sinks write. */
    public LocalJobRunner withPrintStream(PrintStream printOut) {
        return new LocalJobRunner(userClassLoader, clock, printOut, kafka, channelCapacity, metrics);
    }

    /** Kafka sources and sinks of each task come from the TaskIo this gives for the task; channels stay in memory. */
    public LocalJobRunner withKafka(Function<TaskId, TaskIo> kafka) {
        return new LocalJobRunner(userClassLoader, clock, printOut, kafka, channelCapacity, metrics);
    }

    /** Elements a channel buffers before its writer blocks (back-pressure). */
    public LocalJobRunner withChannelCapacity(int channelCapacity) {
        if (channelCapacity < 1) {
            throw new IllegalArgumentException("channel capacity must be positive: " + channelCapacity);
        }
        return new LocalJobRunner(userClassLoader, clock, printOut, kafka, channelCapacity, metrics);
    }

    /** Each task publishes its metrics to the TaskMetrics this gives for it. */
    public LocalJobRunner withMetrics(Function<TaskId, TaskMetrics> metrics) {
        return new LocalJobRunner(userClassLoader, clock, printOut, kafka, channelCapacity, metrics);
    }

    /** Runs the job to completion; throws the first task failure. */
    public void run(JobGraph graph) throws Exception {
        start(graph).await();
    }

    /** Starts every task and returns at once. */
    public LocalJob start(JobGraph graph) {
        ExecutionPlan plan = JobPlanner.plan(JobId.random(), graph);
        InMemoryChannels channels = new InMemoryChannels(plan, channelCapacity);
        List<LocalJob.RunnableTask> tasks = new ArrayList<>();
        for (ChainSpec chain : plan.chains()) {
            for (int subtask = 0; subtask < chain.parallelism(); subtask++) {
                TaskId taskId = new TaskId(plan.jobId(), chain.id(), subtask);
                TaskIo io = new LocalTaskIo(channels, userClassLoader, kafka == null ? null : kafka.apply(taskId));
                tasks.add(new LocalJob.RunnableTask(
                        taskId, new StreamTask(plan, taskId, 0, io, userClassLoader, clock, printOut,
                                TaskCheckpointing.withoutCoordinator(CHECKPOINT_DIR), metrics.apply(taskId))));
            }
        }
        LocalJob job = new LocalJob(plan, tasks, channels);
        job.start();
        return job;
    }
}
