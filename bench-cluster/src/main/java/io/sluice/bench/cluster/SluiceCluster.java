package io.sluice.bench.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Sluice side of the benchmark: the engine and the workers, each a JVM of its own started from the executable
 * jars the reactor built (as {@code ./sluice local} starts them), with Chronicle Map keyed state.
 */
final class SluiceCluster implements AutoCloseable {

    /** As {@code ./sluice local} starts workers: promoted at their first survival (docs/benchmarks.md). */
    private static final String WORKER_GC_FLAG = "-XX:MaxTenuringThreshold=1";

    static final List<String> CHRONICLE_FLAGS = List.of(
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "-Dchronicle.analytics.disable=true");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JvmProcess engine;
    private final List<JvmProcess> workers = new ArrayList<>();
    private final List<Path> workerDirs = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String rest;

    /**
     * @param root the repository root (for the executable jars)
     * @param workerHeap e.g. {@code 512m}
     */
    SluiceCluster(Path root, Path dir, String bootstrap, int workerCount, int slots, String workerHeap)
            throws IOException {
        this(root, dir, bootstrap, workerCount, slots, workerHeap, List.of());
    }

    /** @param engineArgs more {@code --property=value} arguments for the engine */
    SluiceCluster(Path root, Path dir, String bootstrap, int workerCount, int slots, String workerHeap,
            List<String> engineArgs) throws IOException {
        int restPort = freePort();
        rest = "http://localhost:" + restPort;
        List<String> engineMain = new ArrayList<>(List.of("-jar",
                jar(root, "engine-service").toString(),
                "--server.port=" + restPort,
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--logging.level.root=WARN"));
        engineMain.addAll(engineArgs);
        engine = JvmProcess.start("bench-engine", jvm("512m"), engineMain, dir.resolve("engine.log"));
        for (int i = 1; i <= workerCount; i++) {
            Path data = dir.resolve("worker-" + i);
            workerDirs.add(data);
            List<String> workerJvm = new ArrayList<>(jvm(workerHeap));
            workerJvm.add(WORKER_GC_FLAG);
            workers.add(JvmProcess.start("bench-worker-" + i, workerJvm, List.of("-jar",
                            jar(root, "worker-service").toString(),
                            "--server.port=0",
                            "--spring.kafka.bootstrap-servers=" + bootstrap,
                            "--sluice.worker.id=bench-worker-" + i,
                            "--sluice.worker.slots=" + slots,
                            "--sluice.worker.data-dir=" + data,
                            "--sluice.worker.checkpoint-dir=" + dir.resolve("checkpoints"),
                            "--logging.level.root=WARN"),
                    dir.resolve("worker-" + i + ".log")));
        }
        await("/overview", o -> o.path("taskmanagers").asInt() == workerCount, Duration.ofMinutes(10));
    }

    private static List<String> jvm(String heap) {
        List<String> args = new ArrayList<>(List.of("-Xmx" + heap));
        args.addAll(CHRONICLE_FLAGS);
        // extra flags for the engine and workers, e.g. a JFR recording while profiling a scenario
        String extra = System.getenv("SLUICE_BENCH_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            args.addAll(List.of(extra.trim().split("\\s+")));
        }
        return args;
    }

    /** The engine and the workers: the processes whose cost a Sluice run is charged. */
    List<JvmProcess> processes() {
        List<JvmProcess> all = new ArrayList<>(workers);
        all.add(engine);
        return all;
    }

    List<Path> workerDirs() {
        return workerDirs;
    }

    boolean allAlive() {
        return processes().stream().allMatch(JvmProcess::isAlive);
    }

    /** The engine's REST base URL. */
    String rest() {
        return rest;
    }

    /** Submits a JSON spec; returns the job id. */
    String submit(String spec) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/jobs", spec);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("submit -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("jobid").asString();
    }

    void cancel(String jobId) throws IOException, InterruptedException {
        send("PATCH", "/jobs/" + jobId + "?mode=cancel", null);
    }

    JsonNode job(String jobId) throws IOException, InterruptedException {
        return JSON.readTree(send("GET", "/jobs/" + jobId, null).body());
    }

    JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
        return JSON.readTree(send("GET", "/jobs/" + jobId + "/checkpoints", null).body());
    }

    /** Polls until the job reaches a terminal state; returns its details. */
    JsonNode awaitTerminal(String jobId, Duration timeout) {
        return await("/jobs/" + jobId, SluiceCluster::isTerminal, timeout);
    }

    /**
     * True while every process lives and the job has not been terminal for longer than {@code grace}: results still
     * missing after that will never come, so a run waiting for them can stop at once instead of at its timeout.
     * Asks the engine at most every second; for one waiting thread.
     */
    BooleanSupplier jobLive(String jobId, Duration grace) {
        long[] terminalSince = {0};
        long[] lastAsked = {0};
        return () -> {
            if (!allAlive()) {
                return false;
            }
            long now = System.nanoTime();
            if (terminalSince[0] == 0 && now - lastAsked[0] > 1_000_000_000L) {
                lastAsked[0] = now;
                try {
                    if (isTerminal(job(jobId))) {
                        terminalSince[0] = now;
                    }
                } catch (IOException notNow) {
                    // asked again in a second
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return terminalSince[0] == 0 || now - terminalSince[0] < grace.toNanos();
        };
    }

    private static boolean isTerminal(JsonNode job) {
        return List.of("FINISHED", "FAILED", "CANCELED").contains(job.path("state").asString());
    }

    JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            if (!allAlive()) {
                throw new IllegalStateException("a Sluice process died; see the logs next to engine.log");
            }
            try {
                HttpResponse<String> response = send("GET", path, null);
                if (response.statusCode() == 200) {
                    last = JSON.readTree(response.body());
                    if (condition.test(last)) {
                        return last;
                    }
                }
            } catch (IOException notYet) {
                // the engine is starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("timed out after " + timeout + " waiting on " + path + "; last: " + last);
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(rest + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Path jar(Path root, String module) throws IOException {
        Path target = root.resolve(module).resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // reported below
        }
        throw new IllegalStateException("no " + module + "-*-exec.jar in " + target + ": build the reactor first "
                + "(./mvnw -B -q -DskipTests package -pl bench-cluster -am)");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (JvmProcess worker : workers) {
            worker.close();
        }
        engine.close();
    }
}
