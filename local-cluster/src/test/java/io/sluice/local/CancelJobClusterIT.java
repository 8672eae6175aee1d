package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Cancelling a running unbounded job on a real cluster: CANCELED, tasks gone from both workers, slots free. */
class CancelJobClusterIT {

    private static final int SLOTS = 2;
    private static ClusterFixture cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture(2, SLOTS);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void cancelStopsEveryTaskAndFreesTheSlots() throws Exception {
        String spec = """
                {"name": "endless", "parallelism": 2, "operators": [
                  {"id": "numbers", "type": "generator", "kind": "sequence", "rate": 200},
                  {"id": "evens", "type": "filter", "input": "numbers", "condition": "value % 2 == 0"},
                  {"id": "out", "type": "kafka-sink", "input": "evens", "topic": "cancel-it-out",
                   "partitioning": "rebalance"}
                ]}""";
        String jobId = cluster.submit(spec);
        cluster.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(60));
        // Two chains (numbers+evens, out) × parallelism 2 = 4 tasks over 4 slots: both workers are full.
        JsonNode busy = cluster.awaitJson("/taskmanagers", tms -> freeSlots(tms).stream().allMatch(f -> f == 0),
                Duration.ofSeconds(30));
        assertThat(busy.path("taskmanagers")).hasSize(2);
        assertThat(cluster.runningTasksPerWorker()).allSatisfy(tasks -> assertThat(tasks).hasSize(SLOTS));

        assertThat(cluster.send("PATCH", "/jobs/" + jobId + "?mode=cancel", null).statusCode()).isEqualTo(202);

        cluster.awaitJobState(jobId, "CANCELED", Duration.ofSeconds(30));
        assertThat(cluster.runningTasksPerWorker()).allSatisfy(tasks -> assertThat(tasks).isEmpty());
        cluster.awaitJson("/taskmanagers", tms -> freeSlots(tms).stream().allMatch(f -> f == SLOTS),
                Duration.ofSeconds(30));
        cluster.awaitJson("/overview", o -> o.path("slots-available").asInt() == 2 * SLOTS
                && o.path("jobs-cancelled").asInt() == 1, Duration.ofSeconds(30));
    }

    private static List<Integer> freeSlots(JsonNode taskmanagers) {
        List<Integer> free = new ArrayList<>();
        taskmanagers.path("taskmanagers").forEach(tm -> free.add(tm.path("freeSlots").asInt()));
        return free;
    }
}
