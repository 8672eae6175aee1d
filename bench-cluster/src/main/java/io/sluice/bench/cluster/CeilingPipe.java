package io.sluice.bench.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling: plain Kafka clients copying every record of the input topic to the output topic (same partition,
 * key, value and timestamp), with the producer settings of Sluice's workers, on {@code threads} threads that split
 * the partitions as Sluice's source subtasks do. Runs in a JVM of its own so it is measured like the others.
 *
 * <p>{@code CeilingPipe BOOTSTRAP INPUT OUTPUT THREADS [bounded|unbounded]}; prints {@code assigned <millis>} once
 * every thread has its partitions and {@code first-read <millis>} at its first record.
 */
public final class CeilingPipe {

    private CeilingPipe() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String input = args[1];
        String output = args[2];
        int threads = Integer.parseInt(args[3]);
        boolean bounded = args.length < 5 || args[4].equals("bounded");
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(threads);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> copy(bootstrap, input, output, thread, threads, bounded, producer, assigned));
                worker.start();
                workers.add(worker);
            }
            assigned.await();
            System.out.println("assigned " + System.currentTimeMillis());
            for (Thread worker : workers) {
                worker.join();
            }
            producer.flush();
        }
    }

    private static void copy(String bootstrap, String input, String output, int thread, int threads, boolean bounded,
            KafkaProducer<byte[], byte[]> producer, java.util.concurrent.CountDownLatch assigned) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> mine = consumer.partitionsFor(input).stream()
                    .filter(p -> p.partition() % threads == thread)
                    .map(p -> new TopicPartition(input, p.partition()))
                    .toList();
            consumer.assign(mine);
            consumer.seekToBeginning(mine);
            Map<TopicPartition, Long> end = bounded ? new HashMap<>(consumer.endOffsets(mine)) : Map.of();
            mine.forEach(consumer::position);
            assigned.countDown();
            boolean first = true;
            while (!bounded || end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (first && !records.isEmpty()) {
                    System.out.println("first-read " + System.currentTimeMillis());
                    first = false;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    producer.send(new ProducerRecord<>(output, r.partition(), r.timestamp(), r.key(), r.value()));
                }
            }
        }
    }
}
