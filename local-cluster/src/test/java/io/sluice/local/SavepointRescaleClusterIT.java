package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The savepoint demo of the README, checked: {@code examples/stateful-counts.json} (an unbounded generator, a keyed
 * running count and sum, an exactly-once Kafka sink) runs at parallelism 2; a savepoint is taken through REST while it
 * runs, then it is stopped with a savepoint, resubmitted from that savepoint at parallelism 3 (key groups, generator
 * positions and the sink's staged epochs are redistributed), and stopped again. Read read_committed, every key's
 * updates must then count 1, 2, 3, ... without a restart or a gap, each sum must be the sum of the numbers counted,
 * and the numbers counted must be exactly those both generators emitted (by the positions in the savepoints): none
 * twice, none lost.
 */
class SavepointRescaleClusterIT {

    private static final String TOPIC = "stateful-counts";
    private static final int KEYS = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    void countsContinueExactlyWhereTheyWereAfterAResumeAtAnotherParallelism() throws Exception {
        Path savepoints = cluster.dir().resolve("savepoints");
        String spec = Files.readString(Path.of("..", "examples", "stateful-counts.json"));

        String first = cluster.submit(spec);
        awaitCompletedCheckpoints(first, 2);
        String running = savepoint(first, "savepoints", "{\"target-directory\": \"" + savepoints + "\"}");
        assertThat(Path.of(URI.create(running)).resolve("_metadata.json")).exists();
        assertThat(cluster.getJson("/jobs/" + first).path("state").asText()).isEqualTo("RUNNING");
        awaitCompletedCheckpoints(first, 4);
        String stopped = savepoint(first, "stop", "{\"targetDirectory\": \"" + savepoints + "\"}");
        cluster.awaitJobState(first, "FINISHED", Duration.ofSeconds(120));
        JsonNode stats = cluster.getJson("/jobs/" + first + "/checkpoints");
        assertThat(stats.path("latest").path("savepoint").path("external_path").asText()).isEqualTo(stopped);

        ObjectNode resumed = (ObjectNode) JSON.readTree(spec);
        resumed.put("savepointPath", stopped);
        resumed.put("parallelism", 3);
        String second = cluster.submit(JSON.writeValueAsString(resumed));
        cluster.awaitJobState(second, "RUNNING", Duration.ofSeconds(60));
        JsonNode restored = cluster.getJson("/jobs/" + second + "/checkpoints").path("latest").path("restored");
        assertThat(restored.path("is_savepoint").asBoolean()).isTrue();
        awaitCompletedCheckpoints(second, 3);
        String last = savepoint(second, "stop", "{\"targetDirectory\": \"" + savepoints + "\"}");
        cluster.awaitJobState(second, "FINISHED", Duration.ofSeconds(120));

        // What the generators emitted: indices below each subtask's next index, at parallelism 2 and then 3.
        Set<Long> emitted = new HashSet<>();
        addEmitted(Path.of(URI.create(stopped)), 2, emitted);
        addEmitted(Path.of(URI.create(last)), 3, emitted);

        Map<Long, List<JsonNode>> updates = updatesPerKey();
        Set<Long> counted = new HashSet<>();
        int resumedKeys = 0;
        for (Map.Entry<Long, List<JsonNode>> key : updates.entrySet()) {
            long sum = 0;
            List<JsonNode> rows = key.getValue();
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                long n = row.path("n").asLong();
                sum += n;
                assertThat(n % KEYS).as("key of %s", row).isEqualTo(key.getKey());
                assertThat(row.path("count").asLong()).as("update %d of key %d: %s", i + 1, key.getKey(), row)
                        .isEqualTo(i + 1);
                assertThat(row.path("sum").asLong()).as("sum of key %d at %s", key.getKey(), row).isEqualTo(sum);
                assertThat(counted.add(n)).as("number %d counted twice", n).isTrue();
            }
            resumedKeys++;
        }
        assertThat(resumedKeys).isEqualTo(KEYS);
        assertThat(counted).isEqualTo(emitted);
    }

    private static void awaitCompletedCheckpoints(String jobId, long count) {
        cluster.awaitJson("/jobs/" + jobId + "/checkpoints",
                c -> c.path("counts").path("completed").asLong() >= count, Duration.ofSeconds(120));
    }

    /** Triggers a savepoint ({@code savepoints}) or stop ({@code stop}) through REST; its location once completed. */
    private static String savepoint(String jobId, String endpoint, String body) throws Exception {
        HttpResponse<String> response = cluster.send("POST", "/jobs/" + jobId + "/" + endpoint, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String request = JSON.readTree(response.body()).path("request-id").asText();
        JsonNode done = cluster.awaitJson("/jobs/" + jobId + "/savepoints/" + request,
                s -> s.path("status").path("id").asText().equals("COMPLETED"), Duration.ofSeconds(120));
        assertThat(done.path("operation").has("failure-cause")).as(done.toString()).isFalse();
        return done.path("operation").path("location").asText();
    }

    /** The generator's next index per subtask, from the savepoint's snapshots of its chain. */
    private static void addEmitted(Path savepoint, int parallelism, Set<Long> emitted) throws Exception {
        for (int subtask = 0; subtask < parallelism; subtask++) {
            JsonNode state = JSON.readTree(savepoint.resolve("numbers-" + subtask).resolve("_metadata.json").toFile());
            long next = state.path("sourcePosition").path("next").asLong();
            for (long i = subtask; i < next; i += parallelism) {
                emitted.add(i);
            }
        }
    }

    /** Each key's updates are in one partition, in the order committed, read read_committed. */
    private static Map<Long, List<JsonNode>> updatesPerKey() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<Long, List<JsonNode>> updates = new HashMap<>();
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
                    updates.computeIfAbsent(row.path("key").asLong(), k -> new ArrayList<>()).add(row);
                }
            }
        }
        return updates;
    }
}
