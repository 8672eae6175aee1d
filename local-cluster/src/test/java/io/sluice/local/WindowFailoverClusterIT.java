package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.local.WindowTopics.WindowKey;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    private static ClusterFixture cluster;
    private static final List<WorkerProcess> workers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture(0, 2, Duration.ofSeconds(10));
        for (int i = 1; i <= 3; i++) {
            workers.add(WorkerProcess.start(cluster, "window-worker-" + i, 2));
        }
        cluster.awaitJson("/overview", o -> o.path("taskmanagers").asInt() == 3, Duration.ofSeconds(300));
    }

    @AfterAll
    static void stop() throws Exception {
        for (WorkerProcess worker : workers) {
            worker.close();
        }
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
        String jobId = cluster.submit(spec);
        cluster.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(60));
        cluster.awaitJson("/jobs/" + jobId + "/checkpoints",
                c -> c.path("counts").path("completed").asLong() >= 2, Duration.ofSeconds(90));

        String victim = busyWorker();
        workers.stream().filter(w -> w.id().equals(victim)).findFirst().orElseThrow().kill();

        cluster.awaitJobState(jobId, "FINISHED", Duration.ofSeconds(180));
        JsonNode checkpoints = cluster.getJson("/jobs/" + jobId + "/checkpoints");
        assertThat(checkpoints.path("counts").path("restored").asLong()).isGreaterThanOrEqualTo(1);
        StringBuilder survivorLogs = new StringBuilder();
        for (WorkerProcess worker : workers) {
            if (!worker.id().equals(victim)) {
                survivorLogs.append(Files.readString(cluster.dir().resolve(worker.id() + ".log")));
            }
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

    /** A worker process that holds tasks of the job (fewer free slots than slots). */
    private static String busyWorker() throws Exception {
        JsonNode tms = cluster.getJson("/taskmanagers");
        for (JsonNode tm : tms.path("taskmanagers")) {
            if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
                return tm.path("id").asText();
            }
        }
        throw new AssertionError("no worker runs tasks: " + tms);
    }
}
