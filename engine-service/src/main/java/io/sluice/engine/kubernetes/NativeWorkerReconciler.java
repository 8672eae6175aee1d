package io.sluice.engine.kubernetes;

import io.sluice.engine.job.JobManager;
import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.job.JobMaster;
import io.sluice.engine.kubernetes.ClusterDemand.RegisteredWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the native worker controller every reconcile interval on the job manager's current demand. */
final class NativeWorkerReconciler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NativeWorkerReconciler.class);

    private final JobManagerActor jobManager;
    private final NativeWorkerController controller;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sluice-native-workers");
        thread.setDaemon(true);
        return thread;
    });

    NativeWorkerReconciler(JobManagerActor jobManager, NativeWorkerController controller, Clock clock) {
        this.jobManager = jobManager;
        this.controller = controller;
        this.clock = clock;
    }

    void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::reconcile, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconcile() {
        try {
            ClusterDemand demand = jobManager.ask(NativeWorkerReconciler::demand).get(30, TimeUnit.SECONDS);
            var outcome = controller.reconcile(clock.instant(), demand);
            outcome.created().forEach(p -> log.info("Native mode: created worker pod {}", p));
            outcome.deleted().forEach(p -> log.info("Native mode: deleted idle worker pod {}", p));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Native mode: reconcile failed: {}", e.toString());
        }
    }

    /** Runs on the job manager's thread. Each task of a waiting job needs one slot. */
    static ClusterDemand demand(JobManager jm) {
        int waiting = jm.jobs().stream().filter(JobMaster::isWaitingForSlots).mapToInt(j -> j.tasks().size()).sum();
        return new ClusterDemand(waiting, jm.workers().workers().stream()
                .map(w -> new RegisteredWorker(w.id().value(), w.slots(), w.freeSlots()))
                .toList());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
