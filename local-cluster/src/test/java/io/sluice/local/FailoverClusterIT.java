package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Failover with exactly-once state: a worker process running tasks of a checkpointed keyed job is killed with
 * SIGKILL mid-run; the job restarts from its latest completed checkpoint on the remaining workers and finishes, and
 * the last count per key equals the independent count, although the at-least-once sink may repeat updates.
 */
class FailoverClusterIT {

    private static final int COUNT = 100_000;
    private static final int KEYS = 100;
    private static final int SLOTS = 2;
    private static final String TOPIC = "failover-it-out";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ProcessCluster cluster;
    private static EngineRest engine;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ProcessCluster(Duration.ofSeconds(3));
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

    @Test
    void killedWorkerRestartsTheJobFromItsCheckpointWithExactlyOnceState() throws Exception {
        String spec = """
                {"name": "failover-it", "parallelism": 2,
                 "checkpointing": {"interval": "500ms", "mode": "exactly-once"},
                 "restart-strategy": {"type": "fixed-delay", "attempts": 3, "delay": "1s"},
                 "operators": [
                  {"id": "numbers", "type": "generator", "kind": "sequence", "count": %d, "rate": 5000},
                  {"id": "counts", "type": "count", "input": "numbers", "key-by": "value %% %d"},
                  {"id": "out", "type": "kafka-sink", "input": "counts", "topic": "%s", "key": "value %% %d",
                   "guarantee": "at-least-once"}
                ]}""".formatted(COUNT, KEYS, TOPIC, KEYS);
        String jobId = engine.submit(spec);
        engine.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(60));
        engine.awaitJson("/jobs/" + jobId + "/checkpoints",
                c -> c.path("counts").path("completed").asLong() >= 2, Duration.ofSeconds(60));

        String victim = cluster.busyWorkers().get(0);
        cluster.killWorker(cluster.worker(victim));

        JsonNode finished = engine.awaitJobState(jobId, "FINISHED", Duration.ofSeconds(120));
        assertThat(finished.path("state").asText()).isEqualTo("FINISHED");
        JsonNode exceptions = engine.getJson("/jobs/" + jobId + "/exceptions");
        assertThat(exceptions.path("root-exception").asText()).contains(victim);
        JsonNode checkpoints = engine.getJson("/jobs/" + jobId + "/checkpoints");
        assertThat(checkpoints.path("counts").path("restored").asLong()).isGreaterThanOrEqualTo(1);

        // The new attempt resumed from the checkpoint rather than from scratch (which would also count right).
        StringBuilder survivorLogs = new StringBuilder();
        for (WorkerProcess survivor : cluster.workers()) {
            survivorLogs.append(Files.readString(cluster.dir().resolve(survivor.id() + ".log")));
        }
        assertThat(survivorLogs.toString()).contains("(attempt 1) restored from file:");

        Map<Long, Long> lastCount = lastCountPerKey();
        Map<Long, Long> expected = new HashMap<>();
        for (long value = 0; value < COUNT; value++) {
            expected.merge(value % KEYS, 1L, Long::sum);
        }
        assertThat(lastCount).isEqualTo(expected);
    }

    /** Each key's records are in one partition, in the order written: the last one carries the final count. */
    private static Map<Long, Long> lastCountPerKey() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<Long, Long> last = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode row = JSON.readTree(record.value());
                    last.put(row.path("value").asLong() % KEYS, row.path("count").asLong());
                }
            }
        }
        return last;
    }
}
