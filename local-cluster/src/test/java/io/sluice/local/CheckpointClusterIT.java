package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Periodic checkpoints of a running keyed job complete on a real cluster, and the REST API shows them. */
class CheckpointClusterIT {

    private static ClusterFixture cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture(2, 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void checkpointsCompleteWhileTheJobRuns() throws Exception {
        String spec = """
                {"name": "checkpointed", "parallelism": 2,
                 "checkpointing": {"interval": "500ms", "mode": "exactly-once", "timeout": "30s"},
                 "operators": [
                  {"id": "numbers", "type": "generator", "kind": "sequence", "rate": 500},
                  {"id": "counts", "type": "count", "input": "numbers", "key-by": "value % 10"},
                  {"id": "out", "type": "kafka-sink", "input": "counts", "topic": "checkpoint-it-out"}
                ]}""";
        String jobId = cluster.submit(spec);
        cluster.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(60));

        JsonNode first = cluster.awaitJson("/jobs/" + jobId + "/checkpoints",
                c -> c.path("counts").path("completed").asLong() >= 2, Duration.ofSeconds(60));
        JsonNode latest = first.path("latest").path("completed");
        assertThat(latest.path("status").asText()).isEqualTo("COMPLETED");
        // Every task of the job acknowledged: 2 source tasks, 2 count tasks (the sink is chained to the count).
        assertThat(latest.path("num_subtasks").asInt()).isEqualTo(4);
        assertThat(latest.path("num_acknowledged_subtasks").asInt()).isEqualTo(4);
        assertThat(latest.path("state_size").asLong()).isPositive();
        assertThat(first.path("history").size()).isGreaterThanOrEqualTo(2);

        long completed = first.path("counts").path("completed").asLong();
        JsonNode later = cluster.awaitJson("/jobs/" + jobId + "/checkpoints",
                c -> c.path("counts").path("completed").asLong() >= completed + 2, Duration.ofSeconds(60));
        assertThat(later.path("latest").path("completed").path("id").asLong())
                .isGreaterThan(latest.path("id").asLong());
        assertThat(later.path("counts").path("failed").asLong()).isZero();

        assertThat(cluster.send("PATCH", "/jobs/" + jobId + "?mode=cancel", null).statusCode()).isEqualTo(202);
        cluster.awaitJobState(jobId, "CANCELED", Duration.ofSeconds(30));
    }
}
