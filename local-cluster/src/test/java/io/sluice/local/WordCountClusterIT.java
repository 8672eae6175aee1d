package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.runtime.source.TextLines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.LongStream;
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

        Map<String, Long> expected = independentCounts();
        Map<String, List<Long>> emitted = readCountsPerWord("wc-it-out");

        Map<String, Long> finalCounts = new HashMap<>();
        emitted.forEach((word, counts) -> finalCounts.put(word, counts.get(counts.size() - 1)));
        assertThat(finalCounts).isEqualTo(expected);
        // A rolling count emits 1, 2, ..., n per word: any lost or doubled record breaks the sequence.
        emitted.forEach((word, counts) -> assertThat(counts)
                .as("updates of '%s'", word)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expected.get(word)).boxed().toList()));
    }

    /** Counts words straight from the generated lines with plain Java, not with the job's operators. */
    private static Map<String, Long> independentCounts() {
        Map<String, Long> counts = new HashMap<>();
        for (long i = 0; i < LINES; i++) {
            for (String word : TextLines.line(SEED, i).toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                if (!word.isEmpty()) {
                    counts.merge(word, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static Map<String, List<Long>> readCountsPerWord(String topic) {
        JsonMapper json = JsonMapper.builder().build();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, List<Long>> perWord = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            for (ConsumerRecord<String, String> record : records) {
                JsonNode row = json.readTree(record.value());
                assertThat(row.path("word").asText()).isEqualTo(record.key());
                perWord.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(row.path("count").asLong());
            }
        }
        return perWord;
    }
}
