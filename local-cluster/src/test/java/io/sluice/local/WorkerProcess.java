package io.sluice.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker in a JVM of its own, started from the worker's executable jar that the reactor built, so that a test can
 * kill it the hard way (SIGKILL): no goodbye, no task reports, its heartbeats just stop. Its log is
 * {@code <cluster dir>/<id>.log}.
 */
final class WorkerProcess implements AutoCloseable {

    private final String id;
    private final Process process;

    private WorkerProcess(String id, Process process) {
        this.id = id;
        this.process = process;
    }

    static WorkerProcess start(ProcessCluster cluster, String id, int slots) throws IOException {
        Path log = cluster.dir().resolve(id + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar", ExecutableJar.of("worker-service").toString(),
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
}
