package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** WordCount with parallelism 2 on a real broker, engine and two workers, checked against an independent count. */
class WordCountClusterIT {

    private static final long LINES = 20_000;
    private static final long SEED = 7;
    private static ClusterFixture cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture(2, 4);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void wordCountThroughKeyByShuffleGivesExactlyTheIndependentCounts() throws Exception {
        String spec = """
                {"name": "wordcount-it", "parallelism": 2, "operators": [
                  {"id": "lines", "type": "generator", "kind": "text-lines", "count": %d, "seed": %d,
                   "rate": 8000},
                  {"id": "words", "type": "flat-map", "input": "lines",
                   "expression": "#split(#lower(line), '[^a-z]+')", "field": "word"},
                  {"id": "counts", "type": "count", "input": "words", "key-by": "word"},
                  {"id": "out", "type": "kafka-sink", "input": "counts", "topic": "wc-it-out", "key": "word"}
                ]}""".formatted(LINES, SEED);
        String jobId = cluster.submit(spec);
        assertThat(jobId).matches("[0-9a-f]{32}");
        // The rate keeps the job running for a few seconds: long enough to see both workers busy with it.
        cluster.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(60));
        assertThat(cluster.runningTasksPerWorker())
                .as("tasks per worker while running")
                .allSatisfy(tasks -> assertThat(tasks).isNotEmpty().allMatch(t -> t.jobId().hex().equals(jobId)));

        JsonNode job = cluster.awaitJobState(jobId, "FINISHED", Duration.ofMinutes(2));
        assertThat(job.path("vertices")).hasSize(4);

        WordCounts.assertTopicHoldsExactCounts(cluster.bootstrapServers(), "wc-it-out", LINES, SEED);
    }
}
