package io.sluice.local;

import io.sluice.engine.EngineApplication;
import io.sluice.protocol.TaskId;
import io.sluice.worker.WorkerApplication;
import io.sluice.worker.task.TaskExecutor;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real cluster for integration tests: an in-process KRaft broker, the engine and N workers, each a Spring Boot
 * application context of its own in this JVM, talking only over Kafka and REST like separate processes would.
 */
final class ClusterFixture implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LocalKafkaBroker broker;
    private final ConfigurableApplicationContext engine;
    private final List<ConfigurableApplicationContext> workers = new ArrayList<>();
    private final EngineRest rest;
    private final Path dir;

    ClusterFixture(int workerCount, int slotsPerWorker) throws IOException {
        this(workerCount, slotsPerWorker, Duration.ofSeconds(10));
    }

    /** @param heartbeatTimeout how long the engine waits for a silent worker before it counts it lost */
    ClusterFixture(int workerCount, int slotsPerWorker, Duration heartbeatTimeout) throws IOException {
        dir = Files.createTempDirectory("sluice-it");
        broker = LocalKafkaBroker.start(dir.resolve("kafka"), 0, 0);
        engine = new SpringApplicationBuilder(EngineApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "--sluice.engine.heartbeat-timeout=" + heartbeatTimeout.toMillis() + "ms",
                        "--sluice.engine.jars.dir=" + dir.resolve("engine-jars"));
        rest = new EngineRest("http://localhost:" + engine.getEnvironment().getProperty("local.server.port"),
                ClusterFixture::dumpThreads);
        for (int i = 1; i <= workerCount; i++) {
            workers.add(new SpringApplicationBuilder(WorkerApplication.class)
                    .run(
                            "--server.port=0",
                            "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                            "--sluice.worker.id=worker-" + i,
                            "--sluice.worker.slots=" + slotsPerWorker,
                            "--sluice.worker.heartbeat-interval=500ms",
                            "--sluice.worker.data-dir=" + dir.resolve("worker-" + i),
                            "--sluice.worker.checkpoint-dir=" + checkpointDir(),
                            "--sluice.worker.jars.engine-url=" + rest.base(),
                            "--sluice.worker.jars.cache-dir=" + dir.resolve("worker-" + i + "-jars")));
        }
        awaitJson("/overview", o -> o.path("taskmanagers").asInt() == workerCount, Duration.ofSeconds(60));
    }

    /** Stops the broker (an outage); engine and workers keep running. */
    void stopBroker() {
        broker.close();
    }

    /** Starts the broker again on the same ports and data dir: the same cluster, back from an outage. */
    void restartBroker() throws IOException {
        broker = LocalKafkaBroker.start(dir.resolve("kafka"), broker.port(), broker.controllerPort());
    }

    /** The engine's overall health status and HTTP code, e.g. {@code 503 DOWN}. */
    String engineHealth() throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", "/actuator/health", null);
        return response.statusCode() + " " + JSON.readTree(response.body()).path("status").asText();
    }

    /** The cluster's scratch directory (broker data, worker data, checkpoint storage). */
    Path dir() {
        return dir;
    }

    /** Shared by every worker, in this JVM or not: it must survive the loss of any of them. */
    Path checkpointDir() {
        return dir.resolve("checkpoints");
    }

    /** The engine's REST API and dashboard. */
    String restUrl() {
        return rest.base();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return rest.send(method, path, body);
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        return rest.getJson(path);
    }

    /** Submits a spec and returns the job id. */
    String submit(String spec) throws IOException, InterruptedException {
        return rest.submit(spec);
    }

    JsonNode awaitJson(String path, Predicate<JsonNode> condition, Duration timeout) {
        return rest.awaitJson(path, condition, timeout);
    }

    JsonNode awaitJobState(String jobId, String state, Duration timeout) {
        return rest.awaitJobState(jobId, state, timeout);
    }

    /** The tasks each worker process itself reports as running (the worker's truth, not the engine's view). */
    List<List<TaskId>> runningTasksPerWorker() {
        return workers.stream().map(w -> w.getBean(TaskExecutor.class).runningTasks()).toList();
    }

    /** A stuck request is a bug in the engine: leave the evidence in the test output. */
    private static void dumpThreads(String reason) {
        StringBuilder dump = new StringBuilder(reason).append(", thread dump:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement frame : stack) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        System.err.println(dump);
    }

    @Override
    public void close() {
        workers.forEach(ConfigurableApplicationContext::close);
        engine.close();
        broker.close();
    }
}
