package io.sluice.worker.task;

import io.sluice.protocol.TaskId;
import io.sluice.runtime.task.StreamTask;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A deployed task: its own platform thread, its {@link StreamTask} once built, and its cancellation. */
final class RunningTask {

    private final TaskId id;
    private final int attempt;
    private final Thread thread;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile StreamTask streamTask;
    private volatile boolean cancelled;

    RunningTask(TaskId id, int attempt, Consumer<RunningTask> body) {
        this.id = id;
        this.attempt = attempt;
        this.thread = new Thread(() -> body.accept(this), "task-" + id.chainId() + "#" + id.subtask());
        // A task that ignores cancellation must not keep the JVM alive after the worker shut down.
        thread.setDaemon(true);
    }

    TaskId id() {
        return id;
    }

    int attempt() {
        return attempt;
    }

    /** The built task, or null before it is built. */
    StreamTask streamTask() {
        return streamTask;
    }

    void start() {
        thread.start();
    }

    /** Publishes the built task; a cancel that came earlier reaches it here. */
    void attach(StreamTask task) {
        streamTask = task;
        if (cancelled) {
            task.cancel();
        }
    }

    void cancel() {
        cancelled = true;
        StreamTask task = streamTask;
        if (task != null) {
            task.cancel();
        }
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** Last resort for a task that does not react to {@link #cancel()}: e.g. blocked in user code. */
    void interrupt() {
        thread.interrupt();
    }

    void markTerminated() {
        terminated.complete(null);
    }

    CompletableFuture<Void> terminated() {
        return terminated;
    }

    boolean isTerminated() {
        return terminated.isDone();
    }
}
