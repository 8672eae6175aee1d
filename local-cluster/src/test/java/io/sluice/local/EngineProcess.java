package io.sluice.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine in a JVM of its own, from its executable jar, so that a test can kill it with SIGKILL and start it
 * again on the same REST port and HA directory, as an operator (or Kubernetes) would after a crash.
 */
final class EngineProcess implements AutoCloseable {

    private final Process process;

    private EngineProcess(Process process) {
        this.process = process;
    }

    /** @param log where its output goes (one file per start, so a restart does not hide the crash) */
    static EngineProcess start(ProcessCluster cluster, int port, Path log) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-jar", ExecutableJar.of("engine-service").toString(),
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                "--sluice.engine.heartbeat-timeout=" + cluster.heartbeatTimeout().toMillis() + "ms",
                "--sluice.engine.ha-dir=" + cluster.dir().resolve("engine-ha"),
                "--logging.level.root=WARN",
                "--logging.level.io.sluice=INFO");
        return new EngineProcess(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start());
    }

    /** SIGKILL: the engine gets no chance to stop its jobs or write anything. */
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
