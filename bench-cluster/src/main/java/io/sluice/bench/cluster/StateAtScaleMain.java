package io.sluice.bench.cluster;

import io.sluice.local.LocalKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./sluice bench state [--keys 10000000] [--worker-heap 256m] [--interval 10s] [--max-seconds N]}: state at
 * scale (issue 5 item 2); with {@code --max-seconds} the job is cancelled after that long and what it reached reported.
 * One worker with a small heap keeps one ~64-byte value per key for {@code keys} keys in Chronicle Map while
 * checkpointing; prints GC share, peak heap, Chronicle Map bytes, and every checkpoint's duration and sizes (the
 * first is full, later ones incremental).
 */
public final class StateAtScaleMain {

    /** With the key, a row of about 64 bytes once serialized. */
    private static final String PAD = "'" + "x".repeat(40) + "'";

    private StateAtScaleMain() {}

    public static void main(String[] args) throws Exception {
        long keys = 10_000_000;
        String heap = "256m";
        String interval = "10s";
        long maxSeconds = 7200;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--keys" -> keys = Long.parseLong(args[i + 1]);
                case "--worker-heap" -> heap = args[i + 1];
                case "--interval" -> interval = args[i + 1];
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("sluice-bench-state");
        Benchmark.log("working directory " + dir);
        String spec = """
                {"name": "state-at-scale", "parallelism": 1,
                 "checkpointing": {"interval": "%s", "mode": "exactly-once", "timeout": "10m"},
                 "operators": [
                  {"id": "numbers", "type": "generator", "kind": "sequence", "count": %d},
                  {"id": "rows", "type": "map", "input": "numbers", "fields": {"k": "value", "pad": "%s"}},
                  {"id": "latest", "type": "reduce", "input": "rows", "key-by": "k", "expression": "#acc"},
                  {"id": "none", "type": "filter", "input": "latest", "condition": "false"},
                  {"id": "out", "type": "print", "input": "none"}
                 ]}""".formatted(interval, keys, PAD);
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir.resolve("kafka"), 0, 0);
                SluiceCluster cluster = new SluiceCluster(Path.of(Files.isDirectory(Path.of("engine-service")) ? "" : "..")
                        .toAbsolutePath().normalize(), dir, broker.bootstrapServers(), 1, 4, heap)) {
            JvmProcess worker = cluster.processes().get(0);
            ResourceSampler sampler = new ResourceSampler(List.of(worker), cluster.workerDirs());
            String jobId = cluster.submit(spec);
            sampler.start();
            long start = System.nanoTime();
            JsonNode done;
            try {
                done = cluster.awaitTerminal(jobId, Duration.ofSeconds(maxSeconds));
            } catch (IllegalStateException stillRunning) {
                cluster.cancel(jobId);
                done = cluster.awaitTerminal(jobId, Duration.ofMinutes(5));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ResourceSampler.Resources resources = sampler.stop();
            JsonNode checkpoints = cluster.checkpoints(jobId);
            StringBuilder report = new StringBuilder("""
                    State at scale: %,d keys, worker -Xmx%s, Chronicle Map; job %s in %.0f s
                    worker GC share %.2f%%, peak heap %d MB, Chronicle Map files %d MB, worker alive: %s

                    | checkpoint | duration ms | state size MB | checkpointed (this checkpoint) MB | status |
                    |---|---|---|---|---|
                    """.formatted(keys, heap, done.path("state").asString(), seconds,
                    resources.gcShare() * 100, resources.peakHeap() >> 20, resources.chronicleBytes() >> 20,
                    worker.isAlive()));
            for (JsonNode c : checkpoints.path("history")) {
                report.append("| %d | %d | %.1f | %.1f | %s |%n".formatted(c.path("id").asLong(),
                        c.path("end_to_end_duration").asLong(), c.path("state_size").asLong() / 1048576.0,
                        c.path("checkpointed_size").asLong() / 1048576.0, c.path("status").asString()));
            }
            System.out.println(report);
            Files.writeString(dir.resolve("state-at-scale.md"), report);
        }
    }
}
