package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.local.WindowTopics.WindowKey;
import io.sluice.runtime.window.WindowPreAggregation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keyed window state in Chronicle maps sized far too small (300 entries for ~5,000 keys), so that they grow many
 * times while an exactly-once window job runs: every window count must still be exact. Before the maps were rebuilt
 * at their first extra segment tier, most runs of this job lost or reset a few window counts. Pre-aggregation is on,
 * so that a lost accumulator shows as a missing result, not only a smaller count.
 */
class SmallStateMapsClusterIT {

    private static ClusterFixture cluster;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty(WindowPreAggregation.ENABLED, "true");
        System.setProperty("sluice.worker.state-expected-entries", "300");
        cluster = new ClusterFixture(2, 4);
        cluster.awaitJson("/overview", o -> o.path("taskmanagers").asInt() == 2, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        System.clearProperty(WindowPreAggregation.ENABLED);
        System.clearProperty("sluice.worker.state-expected-entries");
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void windowCountsStayExactWhileTheStateMapsGrow() throws Exception {
        for (int run = 0; run < 2; run++) {
            String topic = "small-maps-in-" + run;
            // One partition per source subtask: each reads its records in order, so none is late.
            WindowTopics.create(cluster.bootstrapServers(), topic, 2);
            Random random = new Random(run);
            long base = System.currentTimeMillis() / 60_000 * 60_000;
            int count = 200_000;
            List<String> keys = new ArrayList<>();
            List<Long> timestamps = new ArrayList<>();
            List<int[]> order = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                keys.add("k" + random.nextInt(5_000));
                timestamps.add(base + i / 10 - random.nextInt(50));
                order.add(new int[] {i % 2, i});
            }
            WindowTopics.produce(cluster.bootstrapServers(), topic, order, keys, timestamps);
            String output = "small-maps-out-" + run;
            String jobId = cluster.submit("""
                    {"name": "small-maps-%d", "parallelism": 2,
                     "checkpointing": {"interval": "200ms", "mode": "exactly-once"},
                     "operators": [
                      {"id": "events", "type": "kafka-source", "topic": "%s", "bounded": true,
                       "watermarks": {"timestamp": "ts", "out-of-orderness": "1s"}},
                      {"id": "counts", "type": "window", "input": "events", "key-by": "key",
                       "window": {"kind": "tumbling", "size": "1s"}, "aggregate": {"function": "count"}},
                      {"id": "out", "type": "kafka-sink", "input": "counts", "topic": "%s", "key": "key",
                       "guarantee": "exactly-once"}
                     ]}""".formatted(run, topic, output));
            cluster.awaitJobState(jobId, "FINISHED", Duration.ofSeconds(300));

            Map<WindowKey, Long> expected = new HashMap<>();
            for (int i = 0; i < count; i++) {
                long start = timestamps.get(i) - Math.floorMod(timestamps.get(i), 1000L);
                expected.merge(new WindowKey(keys.get(i), start, start + 1000), 1L, Long::sum);
            }
            assertThat(WindowTopics.lastCounts(cluster.bootstrapServers(), output)).as("run %d", run)
                    .isEqualTo(expected);
        }
    }
}
