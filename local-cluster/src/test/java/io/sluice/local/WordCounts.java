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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks a WordCount output topic against a count made independently from the generated lines. */
final class WordCounts {

    private WordCounts() {}

    /**
     * Asserts that the topic holds, for every word of the input, the rolling counts 1, 2, ..., n in order (so its
     * final count is exact and no update was lost or doubled), and no other word.
     */
    static void assertTopicHoldsExactCounts(String bootstrapServers, String topic, long lines, long seed) {
        Map<String, Long> expected = independentCounts(lines, seed);
        Map<String, List<Long>> emitted = readCountsPerWord(bootstrapServers, topic);
        assertThat(emitted.keySet()).isEqualTo(expected.keySet());
        emitted.forEach((word, counts) -> assertThat(counts)
                .as("updates of '%s'", word)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expected.get(word)).boxed().toList()));
    }

    /** Counts words straight from the generated lines with plain Java, not with the job's operators. */
    static Map<String, Long> independentCounts(long lines, long seed) {
        Map<String, Long> counts = new HashMap<>();
        for (long i = 0; i < lines; i++) {
            for (String word : TextLines.line(seed, i).toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                if (!word.isEmpty()) {
                    counts.merge(word, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    /** Every record of the topic, grouped by key in partition order; the value is a row with word and count. */
    private static Map<String, List<Long>> readCountsPerWord(String bootstrapServers, String topic) {
        JsonMapper json = JsonMapper.builder().build();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
