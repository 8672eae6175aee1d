package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.local.WindowTopics.WindowKey;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failover with exactly-once state on worker processes: a worker running tasks of a checkpointed job is killed with
 * SIGKILL mid-run; the job restarts from its latest completed checkpoint and finishes with the results a run without
 * failure gives, although the at-least-once sink may repeat updates. Both jobs share one cluster; each kill is
 * followed by a replacement worker, so the next job finds the same slots.
 */
class KeyedAndWindowFailoverClusterIT {

    private static final int SLOTS = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ProcessCluster cluster;
    private static EngineRest engine;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ProcessCluster(Duration.ofSeconds(5));
        engine = cluster.rest();
        for (int i = 1; i <= 3; i++) {
            cluster.startWorker(SLOTS);
        }
        cluster.awaitWorkers(3);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A running count per key: the last count of each key equals the independent count. */
    @Test
    void keyedStateSurvivesAKilledWorker() throws Exception {
        int count = 100_000;
        int keys = 100;
        String topic = "failover-it-counts";
        String jobId = engine.submit("""
                {"name": "keyed-failover-it", "parallelism": 2,
                 "checkpointing": {"interval": "500ms", "mode": "exactly-once"},
                 "restart-strategy": {"type": "fixed-delay", "attempts": 3, "delay": "1s"},
                 "operators": [
                  {"id": "numbers", "type": "generator", "kind": "sequence", "count": %d, "rate": 5000},
                  {"id": "counts", "type": "count", "input": "numbers", "key-by": "value %% %d"},
                  {"id": "out", "type": "kafka-sink", "input": "counts", "topic": "%s", "key": "value %% %d",
                   "guarantee": "at-least-once"}
                ]}""".formatted(count, keys, topic, keys));

        String victim = killABusyWorkerMidRunAndAwaitTheEnd(jobId);

        JsonNode exceptions = engine.getJson("/jobs/" + jobId + "/exceptions");
        assertThat(exceptions.path("root-exception").asText()).contains(victim);
        Map<Long, Long> expected = new HashMap<>();
        for (long value = 0; value < count; value++) {
            expected.merge(value % keys, 1L, Long::sum);
        }
        assertThat(lastCountPerKey(topic, keys)).isEqualTo(expected);
    }

    /**
     * Event-time windows open and their timers pending at the kill: every window ends with its full count (timers
     * lost on restore would leave windows that never fire).
     */
    @Test
    void windowStateAndTimersSurviveAKilledWorker() throws Exception {
        int count = 60_000;
        int keys = 10;
        String topic = "failover-it-windows";
        String jobId = engine.submit("""
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
                ]}""".formatted(count, keys, topic));

        killABusyWorkerMidRunAndAwaitTheEnd(jobId);

        // Without failure: value v (event time v) counts once in window [v - v % 1000, +1000) of key v % keys.
        Map<WindowKey, Long> expected = new HashMap<>();
        for (long value = 0; value < count; value++) {
            long start = value - value % 1000;
            expected.merge(new WindowKey(String.valueOf(value % keys), start, start + 1000), 1L, Long::sum);
        }
        assertThat(WindowTopics.lastCounts(cluster.bootstrapServers(), topic)).isEqualTo(expected);
    }

    /**
     * After two completed checkpoints, kills a worker with tasks of the job and starts a replacement; the job must
     * finish, restored from a checkpoint (not rerun from scratch, which would also give the right results).
     *
     * @return the killed worker's id
     */
    private static String killABusyWorkerMidRunAndAwaitTheEnd(String jobId) throws Exception {
        engine.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(60));
        engine.awaitJson("/jobs/" + jobId + "/checkpoints",
                c -> c.path("counts").path("completed").asLong() >= 2, Duration.ofSeconds(90));
        String victim = cluster.busyWorkers().get(0);
        cluster.killWorker(cluster.worker(victim));
        cluster.startWorker(SLOTS);

        engine.awaitJobState(jobId, "FINISHED", Duration.ofSeconds(180));
        JsonNode checkpoints = engine.getJson("/jobs/" + jobId + "/checkpoints");
        assertThat(checkpoints.path("counts").path("restored").asLong()).isGreaterThanOrEqualTo(1);
        StringBuilder workerLogs = new StringBuilder();
        for (WorkerProcess worker : cluster.workers()) {
            workerLogs.append(Files.readString(cluster.dir().resolve(worker.id() + ".log")));
        }
        assertThat(workerLogs.toString()).containsPattern("task " + jobId + "/\\S+ \\(attempt 1\\) restored from file:");
        return victim;
    }

    /** Each key's records are in one partition, in the order written: the last one carries the final count. */
    private static Map<Long, Long> lastCountPerKey(String topic, int keys) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<Long, Long> last = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode row = JSON.readTree(record.value());
                    last.put(row.path("value").asLong() % keys, row.path("count").asLong());
                }
            }
        }
        return last;
    }
}
