package io.sluice.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker in a JVM of its own, started from the worker's executable jar that the reactor built, so that a test can
 * kill it the hard way (SIGKILL): no goodbye, no task reports, its heartbeats just stop.
 */
final class WorkerProcess implements AutoCloseable {

    private final String id;
    private final Process process;

    private WorkerProcess(String id, Process process) {
        this.id = id;
        this.process = process;
    }

    static WorkerProcess start(ClusterFixture cluster, String id, int slots) throws IOException {
        Path log = cluster.dir().resolve(id + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar", executableJar().toString(),
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                "--sluice.worker.id=" + id,
                "--sluice.worker.slots=" + slots,
                "--sluice.worker.heartbeat-interval=500ms",
                "--sluice.worker.data-dir=" + cluster.dir().resolve(id),
                "--sluice.worker.checkpoint-dir=" + cluster.checkpointDir(),
                "--logging.level.root=WARN",
                "--logging.level.io.sluice=INFO"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new WorkerProcess(id, process);
    }

    String id() {
        return id;
    }

    /** SIGKILL: the worker gets no chance to say anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** worker-service/target/worker-service-*-exec.jar, next to this module. */
    private static Path executableJar() throws IOException {
        Path target = Path.of("..", "worker-service", "target").toAbsolutePath().normalize();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "worker-service-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no worker-service-*-exec.jar in " + target + ": build the reactor first");
    }
}
