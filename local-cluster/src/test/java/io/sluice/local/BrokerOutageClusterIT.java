package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker goes away mid-run and comes back on the same port and data dir: engine and workers stay up, the
 * engine's health is DOWN meanwhile, and the checkpointed job with the exactly-once sink finishes with every key's
 * running count exactly 1..N (nothing lost, nothing doubled).
 */
class BrokerOutageClusterIT {

    private static final int COUNT = 60_000;
    private static final int KEYS = 40;
    private static final Duration OUTAGE = Duration.ofSeconds(8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void jobFinishesExactlyOnceAcrossABrokerOutage() throws Exception {
        // Heap state: this test is about the broker; it need not pay Chronicle's start-up in the test JVM.
        System.setProperty("sluice.worker.state-backend", "heap");
        try (ClusterFixture cluster = new ClusterFixture(2, 2, Duration.ofSeconds(30))) {
            String topic = "outage-out";
            String jobId = cluster.submit("""
                    {"name": "broker-outage-it", "parallelism": 2,
                     "checkpointing": {"interval": "500ms", "mode": "exactly-once"},
                     "restart-strategy": {"type": "fixed-delay", "attempts": 100, "delay": "2s"},
                     "operators": [
                      {"id": "numbers", "type": "generator", "kind": "sequence", "count": %d, "rate": 1000},
                      {"id": "counts", "type": "count", "input": "numbers", "key-by": "value %% %d"},
                      {"id": "out", "type": "kafka-sink", "input": "counts", "topic": "%s", "key": "value %% %d",
                       "guarantee": "exactly-once"}
                    ]}""".formatted(COUNT, KEYS, topic, KEYS));
            cluster.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(90));
            cluster.awaitJson("/jobs/" + jobId + "/checkpoints",
                    c -> c.path("counts").path("completed").asLong() >= 1, Duration.ofSeconds(90));

            cluster.stopBroker();
            long outageEnds = System.nanoTime() + OUTAGE.toNanos();
            String health = awaitHealth(cluster, "503 DOWN", Duration.ofSeconds(30));
            assertThat(health).isEqualTo("503 DOWN");
            assertThat(cluster.getJson("/overview").path("taskmanagers").asInt()).isEqualTo(2); // the REST API works
            Thread.sleep(Math.max(0, (outageEnds - System.nanoTime()) / 1_000_000)); // the outage itself, not a wait
            cluster.restartBroker();

            JsonNode finished = cluster.awaitJobState(jobId, "FINISHED", Duration.ofSeconds(300));
            assertThat(finished.path("state").asText()).isEqualTo("FINISHED");
            assertThat(awaitHealth(cluster, "200 UP", Duration.ofSeconds(60))).isEqualTo("200 UP");

            Map<Long, List<Long>> updates = updatesPerKey(cluster.bootstrapServers(), topic);
            List<Long> oneToN = LongStream.rangeClosed(1, COUNT / KEYS).boxed().toList();
            assertThat(updates).hasSize(KEYS);
            updates.forEach((key, counts) -> assertThat(counts).as("updates of key %d", key).isEqualTo(oneToN));
        } finally {
            System.clearProperty("sluice.worker.state-backend");
        }
    }

    private static String awaitHealth(ClusterFixture cluster, String expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = cluster.engineHealth();
            if (last.equals(expected)) {
                return last;
            }
            Thread.sleep(250);
        }
        return last;
    }

    /** Each key's running counts in the order committed, read read_committed (rows {"value", "count"}). */
    private static Map<Long, List<Long>> updatesPerKey(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<Long, List<Long>> updates = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode row = JSON.readTree(record.value());
                    updates.computeIfAbsent(row.path("value").asLong() % KEYS, k -> new ArrayList<>())
                            .add(row.path("count").asLong());
                }
            }
        }
        return updates;
    }
}
