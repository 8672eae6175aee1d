package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.local.WindowTopics.WindowKey;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Window state and timers survive a failover: a worker process running a checkpointed event-time window job is
 * killed mid-run (windows open, their timers pending); the job restarts from its latest checkpoint and every window
 * ends with the count a run without failure gives (timers lost on restore would leave windows that never fire).
 */
class WindowFailoverClusterIT {

    private static final int COUNT = 60_000;
    private static final int KEYS = 10;
    private static final String TOPIC = "window-failover-it-out";

    private static ProcessCluster cluster;
    private static EngineRest rest;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ProcessCluster(Duration.ofSeconds(10));
        rest = cluster.rest();
        for (int i = 1; i <= 3; i++) {
            cluster.startWorker(2);
        }
        cluster.awaitWorkers(3);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void windowStateAndTimersSurviveAKilledWorker() throws Exception {
        String spec = """
                {"name": "window-failover-it", "parallelism": 2,
                 "checkpointing": {"interval": "500ms", "mode": "exactly-once"},
                 "restart-strategy": {"type": "fixed-delay", "attempts": 3, "delay": "1s"},
                 "operators": [
                  {"id": "numbers", "type": "generator", "kind": "sequence", "count": %d, "rate": 3000,
                   "watermarks": {"timestamp": "value", "interval": "50ms"}},
                  {"id": "counts", "type": "window", "input": "numbers", "key-by": "value %% %d",
                   "window": {"kind": "tumbling", "size": "1s"}, "aggregate": {"function": "count"}},
                  {"id": "out", "type": "kafka-sink", "input": "counts", "topic": "%s", "key": "key",
                   "guarantee": "at-least-once"}
                ]}""".formatted(COUNT, KEYS, TOPIC);
        String jobId = rest.submit(spec);
        rest.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(60));
        rest.awaitJson("/jobs/" + jobId + "/checkpoints",
                c -> c.path("counts").path("completed").asLong() >= 2, Duration.ofSeconds(90));

        String victim = cluster.busyWorkers().get(0);
        cluster.killWorker(cluster.worker(victim));

        rest.awaitJobState(jobId, "FINISHED", Duration.ofSeconds(180));
        JsonNode checkpoints = rest.getJson("/jobs/" + jobId + "/checkpoints");
        assertThat(checkpoints.path("counts").path("restored").asLong()).isGreaterThanOrEqualTo(1);
        StringBuilder survivorLogs = new StringBuilder();
        for (WorkerProcess worker : cluster.workers()) {
            survivorLogs.append(Files.readString(cluster.dir().resolve(worker.id() + ".log")));
        }
        assertThat(survivorLogs.toString()).contains("(attempt 1) restored from file:");

        // Without failure: value v (event time v) counts once in window [v - v % 1000, +1000) of key v % 10.
        Map<WindowKey, Long> expected = new HashMap<>();
        for (long value = 0; value < COUNT; value++) {
            long start = value - value % 1000;
            expected.merge(new WindowKey(String.valueOf(value % KEYS), start, start + 1000), 1L, Long::sum);
        }
        assertThat(WindowTopics.lastCounts(cluster.bootstrapServers(), TOPIC)).isEqualTo(expected);
    }
}
