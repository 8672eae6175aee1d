package io.sluice.engine.application;

import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.job.JobMaster;
import io.sluice.engine.job.JobStatus;
import io.sluice.engine.kubernetes.WorkerPods;
import io.sluice.engine.savepoint.SavepointRestorePlan;
import io.sluice.graph.JobGraph;
import io.sluice.graph.json.ExpressionChecker;
import io.sluice.graph.json.JobSpecParser;
import io.sluice.protocol.JobId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the one job of an application-mode engine: submits it, watches it, and when it has ended deletes the
 * worker pods native mode created (the cluster goes away with its job) and completes with the exit code.
 */
public final class ApplicationMode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApplicationMode.class);

    private final JobManagerActor jobManager;
    private final ExpressionChecker checker;
    private final Path jobFile;
    private final Duration pollInterval;
    private final Optional<WorkerPods> workerPods;
    private final CompletableFuture<Integer> completion = new CompletableFuture<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sluice-application-mode");
        thread.setDaemon(true);
        return thread;
    });

    public ApplicationMode(JobManagerActor jobManager, ExpressionChecker checker, Path jobFile, Duration pollInterval,
            Optional<WorkerPods> workerPods) {
        this.jobManager = jobManager;
        this.checker = checker;
        this.jobFile = jobFile;
        this.pollInterval = pollInterval;
        this.workerPods = workerPods;
    }

    /** Submits the job; an unreadable or invalid spec throws, so the engine fails to start. */
    public JobId start() throws IOException, InterruptedException, ExecutionException {
        JobGraph graph = JobSpecParser.parse(Files.readString(jobFile), checker);
        SavepointRestorePlan savepoint = SavepointRestorePlan.of(graph).orElse(null); // Flink's --fromSavepoint
        JobId id = jobManager.ask(jm -> jm.submit(graph, savepoint)).get();
        log.info("Application mode: running job {} ({}) from {}", id.hex(), graph.name(), jobFile);
        long millis = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(() -> poll(id), millis, millis, TimeUnit.MILLISECONDS);
        return id;
    }

    /** Completes with the exit code once the job has ended. */
    public CompletableFuture<Integer> completion() {
        return completion;
    }

    private void poll(JobId id) {
        try {
            JobStatus status = jobManager.ask(jm -> jm.job(id).map(JobMaster::status).orElse(JobStatus.FAILED)).get();
            Optional<Integer> exitCode = ApplicationJob.exitCode(status);
            if (exitCode.isPresent() && !completion.isDone()) {
                log.info("Application mode: job {} ended {}", id.hex(), status);
                releaseWorkers();
                poller.shutdown();
                completion.complete(exitCode.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            log.warn("Application mode: could not read the job's state: {}", e.toString());
        }
    }

    private void releaseWorkers() {
        workerPods.ifPresent(pods -> {
            try {
                pods.list().forEach(pods::delete);
            } catch (RuntimeException e) {
                log.warn("Application mode: could not delete the worker pods: {}", e.toString());
            }
        });
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
