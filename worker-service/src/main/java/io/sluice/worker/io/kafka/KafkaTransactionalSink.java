package io.sluice.worker.io.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * {@link TransactionalSinkPort} on Kafka. Markers go to the compacted one-partition topic {@value #MARKER_TOPIC},
 * key {@code <job>/<sink vertex>/<subtask>}, value the committed checkpoint id (decimal). The transactional id
 * {@code sluice-sink-<job>-<vertex>-<subtask>} is the same for every attempt, so a new attempt fences the old one.
 */
final class KafkaTransactionalSink implements TransactionalSinkPort {

    static final String MARKER_TOPIC = "sluice.sink-commits";
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaClients clients;
    private final String bootstrapServers;
    private final String topic;
    private final String transactionalId;
    private final String clientId;
    private final String markerKey;
    private KafkaProducer<byte[], byte[]> producer;

    KafkaTransactionalSink(KafkaClients clients, String bootstrapServers, String topic, String job, String vertex,
            int subtask, String clientId) {
        this.clients = clients;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.transactionalId = "sluice-sink-" + job + "-" + vertex + "-" + subtask;
        this.clientId = clientId;
        this.markerKey = job + "/" + vertex + "/" + subtask;
    }

    @Override
    public void init() {
        clients.ensureTopic(bootstrapServers, MARKER_TOPIC, 1,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        producer = clients.newTransactionalProducer(bootstrapServers, clientId, transactionalId);
        producer.initTransactions();
    }

    @Override
    public String markerKey() {
        return markerKey;
    }

    @Override
    public long lastCommitted(String markerKey) {
        byte[] key = markerKey.getBytes(StandardCharsets.UTF_8);
        TopicPartition partition = new TopicPartition(MARKER_TOPIC, 0);
        long last = -1;
        try (KafkaConsumer<byte[], byte[]> consumer = clients.newConsumer(bootstrapServers, clientId + "-markers")) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            // read_committed: the end is the last stable offset, and no transaction of ours is open after init.
            long end = consumer.endOffsets(Set.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (Arrays.equals(record.key(), key)) {
                        last = Long.parseLong(new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return last;
    }

    @Override
    public void commit(Iterable<SinkRecord> records, Map<String, Long> markers) {
        producer.beginTransaction();
        try {
            for (SinkRecord record : records) {
                producer.send(new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value()));
            }
            markers.forEach((key, checkpointId) -> producer.send(new ProducerRecord<>(MARKER_TOPIC, 0,
                    key.getBytes(StandardCharsets.UTF_8), Long.toString(checkpointId).getBytes(StandardCharsets.UTF_8))));
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw e;
        } catch (KafkaException e) {
            producer.abortTransaction();
            throw e;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
