package io.sluice.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A cluster of separate processes for failure tests: an in-process KRaft broker, the engine and the workers each in
 * a JVM of its own (their executable jars), so that any of them can be killed with SIGKILL. The engine keeps its jobs
 * in an HA directory and always listens on the same port, so it can be killed and started again.
 */
final class ProcessCluster implements AutoCloseable {

    /** JVM start-up of a service: seconds alone, over a minute on a 2-core machine shared by several builds. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);

    private final Path dir;
    private final Duration heartbeatTimeout;
    private final LocalKafkaBroker broker;
    private final int enginePort;
    private final EngineRest rest;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private EngineProcess engine;
    private int engineStarts;
    private int workersStarted;

    /** @param heartbeatTimeout how long the engine waits for a silent worker before it counts it lost */
    ProcessCluster(Duration heartbeatTimeout) throws IOException {
        this.dir = Files.createTempDirectory("sluice-process-it");
        this.heartbeatTimeout = heartbeatTimeout;
        this.broker = LocalKafkaBroker.start(dir.resolve("kafka"), 0, 0);
        try (ServerSocket socket = new ServerSocket(0)) {
            enginePort = socket.getLocalPort();
        }
        this.rest = new EngineRest("http://localhost:" + enginePort, reason -> {});
        startEngine();
    }

    /** Scratch directory: broker data, worker data and logs ({@code <worker id>.log}, {@code engine-<n>.log}). */
    Path dir() {
        return dir;
    }

    /** Shared by every worker: it must survive the loss of any of them. */
    Path checkpointDir() {
        return dir.resolve("checkpoints");
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }

    EngineRest rest() {
        return rest;
    }

    /** Starts the engine process and waits until it answers. */
    void startEngine() throws IOException {
        engineStarts++;
        engine = EngineProcess.start(this, enginePort, dir.resolve("engine-" + engineStarts + ".log"));
        rest.awaitJson("/overview", o -> o.has("taskmanagers"), STARTUP_TIMEOUT);
    }

    /** kill -9 of the engine. */
    void killEngine() throws InterruptedException {
        engine.kill();
    }

    /** Starts a worker process ({@code worker-<n>}); it counts once it registered with the engine. */
    WorkerProcess startWorker(int slots) throws IOException {
        WorkerProcess worker = WorkerProcess.start(this, "worker-" + (++workersStarted), slots);
        workers.add(worker);
        return worker;
    }

    /** The workers started and not killed. */
    List<WorkerProcess> workers() {
        return List.copyOf(workers);
    }

    /** kill -9 of a worker. */
    void killWorker(WorkerProcess worker) throws InterruptedException {
        worker.kill();
        workers.remove(worker);
    }

    /** Waits until the engine counts {@code count} registered workers. */
    void awaitWorkers(int count) {
        rest.awaitJson("/overview", o -> o.path("taskmanagers").asInt() == count, STARTUP_TIMEOUT);
    }

    /** The ids of the workers that the engine says hold tasks (fewer free slots than slots). */
    List<String> busyWorkers() throws IOException, InterruptedException {
        List<String> busy = new ArrayList<>();
        for (JsonNode tm : rest.getJson("/taskmanagers").path("taskmanagers")) {
            if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
                busy.add(tm.path("id").asText());
            }
        }
        return busy;
    }

    WorkerProcess worker(String id) {
        return workers.stream().filter(w -> w.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no live worker process " + id));
    }

    @Override
    public void close() throws InterruptedException {
        for (WorkerProcess worker : workers) {
            worker.close();
        }
        if (engine != null) {
            engine.close();
        }
        broker.close();
    }
}
