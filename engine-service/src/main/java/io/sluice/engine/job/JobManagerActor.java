package io.sluice.engine.job;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link JobManager} on one thread, so the core needs no locks. REST handlers {@link #ask} (and get a
 * future), the status listener {@link #tell}s, and ticks are scheduled on the same thread. Functions passed in
 * run on that thread and may read the job manager's mutable state; they must not block.
 */
public final class JobManagerActor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobManagerActor.class);

    private final JobManager jobManager;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "sluice-job-manager");
        t.setDaemon(true);
        return t;
    });

    public JobManagerActor(JobManager jobManager) {
        this.jobManager = jobManager;
    }

    /** Starts the periodic {@link JobManager#tick}. */
    public void startTicking(Duration interval) {
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(
                () -> run(jm -> jm.tick(jm.clock().instant())), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs a query or command on the job manager's thread; the future completes with its result or exception. */
    public <T> CompletableFuture<T> ask(Function<JobManager, T> function) {
        return CompletableFuture.supplyAsync(() -> function.apply(jobManager), thread);
    }

    /** Fire and forget: runs a command on the job manager's thread; failures are logged. */
    public void tell(Consumer<JobManager> command) {
        thread.execute(() -> run(command));
    }

    private void run(Consumer<JobManager> command) {
        try {
            command.accept(jobManager);
        } catch (RuntimeException e) {
            // Keep the thread (and the tick schedule) alive: one bad message must not stop the engine.
            log.error("Job manager command failed", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
            thread.shutdownNow();
        }
    }
}
