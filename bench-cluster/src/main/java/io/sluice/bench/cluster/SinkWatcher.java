package io.sluice.bench.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a sink topic the way a downstream application would, {@code read_committed}, and notes when each record
 * became visible: a run ends when the expected number of results is visible.
 */
final class SinkWatcher implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);

    private static final byte[] COUNT_FIELD = "\"count\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final LatencyRecorder latencies;
    private long count;
    private long counted;

    SinkWatcher(String bootstrap, String topic, int partitions, LatencyRecorder latencies) {
        this.latencies = latencies;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
    }

    /**
     * Polls until {@code expected} records are visible and returns the wall-clock millis when the last one was.
     *
     * @param alive checked between polls: a system that died will not deliver the rest
     */
    long awaitCount(long expected, Duration timeout, java.util.function.BooleanSupplier alive)
            throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count < expected) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            long now = System.currentTimeMillis();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                count++;
                counted += countField(record.value());
                latencies.visible(record, now);
            }
            if (count >= expected) {
                return now;
            }
            if (System.nanoTime() > deadline || !alive.getAsBoolean()) {
                throw new TimeoutException(count + " of " + expected + " results visible"
                        + (alive.getAsBoolean() ? " after " + timeout : " when the system under test had stopped or ended"));
            }
        }
        return System.currentTimeMillis();
    }

    /** Reads on for a while, so that a run producing more than the expected results is caught. */
    long drain(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                count++;
                counted += countField(record.value());
            }
        }
        return count;
    }

    /**
     * The sum of the results' {@code count} fields (window counts): every record a window counted. The number of
     * results alone misses records dropped from a window that still fired.
     */
    long counted() {
        return counted;
    }

    /** The non-negative integer after {@code "count":} in a JSON result, 0 without one. */
    static long countField(byte[] json) {
        int at = indexOf(json, COUNT_FIELD);
        if (at < 0) {
            return 0;
        }
        long value = 0;
        for (int i = at + COUNT_FIELD.length; i < json.length && json[i] >= '0' && json[i] <= '9'; i++) {
            value = value * 10 + (json[i] - '0');
        }
        return value;
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
