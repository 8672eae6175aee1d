package io.sluice.runtime.local;

import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.task.StreamTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A job started by {@link LocalJobRunner}: one thread per task. The first task failure cancels the others and
 * is what {@link #await()} throws. A cancelled job ends normally.
 */
public final class LocalJob {

    /** A task and the id its thread is named after. */
    record RunnableTask(TaskId id, StreamTask task) {}

    private final ExecutionPlan plan;
    private final List<RunnableTask> tasks;
    private final InMemoryChannels channels;
    private final CountDownLatch done;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    LocalJob(ExecutionPlan plan, List<RunnableTask> tasks, InMemoryChannels channels) {
        this.plan = plan;
        this.tasks = List.copyOf(tasks);
        this.channels = channels;
        this.done = new CountDownLatch(tasks.size());
    }

    void start() {
        for (RunnableTask task : tasks) {
            Thread thread = new Thread(() -> runTask(task), "sluice-local-" + task.id().chainId() + "#" + task.id().subtask());
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    public JobId jobId() {
        return plan.jobId();
    }

    public ExecutionPlan plan() {
        return plan;
    }

    /** Stops every task promptly; no task finishes its operators. */
    public void cancel() {
        tasks.forEach(task -> task.task().cancel());
        channels.close();
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** Waits until every task ended; throws the first failure. */
    public void await() throws Exception {
        done.await();
        throwFailure();
    }

    /** Waits at most {@code timeout}; true if every task ended (then throws the first failure, if any). */
    public boolean await(Duration timeout) throws Exception {
        if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        throwFailure();
        return true;
    }

    private void runTask(RunnableTask task) {
        try {
            task.task().run();
        } catch (Exception | Error e) {
            Exception cause = e instanceof Exception exception ? exception : new IllegalStateException(e);
            if (failure.compareAndSet(null, cause)) {
                cancel();
            }
        } finally {
            done.countDown();
        }
    }

    private void throwFailure() throws Exception {
        Exception cause = failure.get();
        if (cause != null) {
            throw cause;
        }
    }
}
