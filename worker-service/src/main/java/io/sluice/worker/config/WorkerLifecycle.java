package io.sluice.worker.config;

import io.sluice.protocol.ControlMessage.WorkerStopping;
import io.sluice.protocol.WorkerId;
import io.sluice.worker.heartbeat.HeartbeatSender;
import io.sluice.worker.io.kafka.KafkaClients;
import io.sluice.worker.io.kafka.KafkaControlListener;
import io.sluice.worker.state.WorkerStateBackends;
import io.sluice.worker.task.StatusReporter;
import io.sluice.worker.task.TaskExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Warms up keyed state, then starts listening for commands once the application (and its HTTP server) is up; heartbeats follow when the
 * listener is ready. On shutdown: stop listening and beating, say goodbye, cancel all tasks (bounded), close Kafka.
 */
final class WorkerLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerLifecycle.class);

    private final WorkerId worker;
    private final KafkaControlListener listener;
    private final HeartbeatSender heartbeats;
    private final TaskExecutor executor;
    private final StatusReporter reporter;
    private final KafkaClients clients;
    private final WorkerStateBackends stateBackends;
    private volatile boolean running;

    WorkerLifecycle(
            WorkerId worker,
            KafkaControlListener listener,
            HeartbeatSender heartbeats,
            TaskExecutor executor,
            StatusReporter reporter,
            KafkaClients clients,
            WorkerStateBackends stateBackends) {
        this.worker = worker;
        this.listener = listener;
        this.heartbeats = heartbeats;
        this.executor = executor;
        this.reporter = reporter;
        this.clients = clients;
        this.stateBackends = stateBackends;
    }

    @Override
    public void start() {
        log.info("Worker {} starting with {} slots, {} keyed state, Kafka at {}",
                worker, executor.slots(), stateBackends.kind(), clients.bootstrapServers());
        // Before taking tasks: Chronicle's one-off start-up must not stall the first task's checkpoints.
        try {
            stateBackends.warmUp();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create keyed state files", e);
        }
        listener.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        log.info("Worker {} stopping", worker);
        boolean registered = listener.isReady();
        listener.close();
        heartbeats.close();
        // Goodbye first (SIGTERM: docker stop, pod deletion, scale-down): the engine drops this worker's slots and
        // restarts its jobs from their latest checkpoints elsewhere now, not after the heartbeat timeout, and never
        // schedules into the slots the cancelled tasks free. Only a registered worker says it: without a broker the
        // send would block shutdown.
        if (registered) {
            try {
                reporter.report(new WorkerStopping(worker));
            } catch (RuntimeException e) {
                log.warn("Could not announce that worker {} stops: {}", worker, e.toString());
            }
        }
        executor.cancelAll().join();
        clients.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
