package io.sluice.worker.heartbeat;

import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.WorkerId;
import io.sluice.worker.task.StatusReporter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the engine this worker is alive, what it offers and what it runs. The first heartbeat registers the worker.
 */
public final class HeartbeatSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSender.class);

    private final WorkerId worker;
    private final Supplier<String> address;
    private final int slots;
    private final Supplier<List<TaskId>> runningTasks;
    private final StatusReporter reporter;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private boolean failing;

    /** @param address host:port of the worker's HTTP endpoint; read at each heartbeat (the port is known late) */
    public HeartbeatSender(
            WorkerId worker,
            Supplier<String> address,
            int slots,
            Supplier<List<TaskId>> runningTasks,
            StatusReporter reporter,
            Clock clock) {
        this.worker = worker;
        this.address = address;
        this.slots = slots;
        this.runningTasks = runningTasks;
        this.reporter = reporter;
        this.clock = clock;
    }

    /** Sends the first heartbeat now, then one every {@code interval}. */
    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends one heartbeat; failures are logged (once until the next success), never thrown. */
    void beat() {
        try {
            reporter.report(new Heartbeat(worker, address.get(), slots, runningTasks.get(), clock.millis()));
            if (failing) {
                log.info("Heartbeats of worker {} are sent again", worker);
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Could not send a heartbeat of worker {}: {}", worker, e.toString());
                failing = true;
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
