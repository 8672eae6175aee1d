package io.sluice.worker.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.graph.OperatorSpec;
import io.sluice.protocol.JobId;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.operator.SubtaskContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The exactly-once Kafka sink on a real broker, across a crash between completion and commit and a zombie. */
@EmbeddedKafka(partitions = 1)
class KafkaSinkExactlyOnceIT {

    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final Output NO_OUTPUT = new Output() {
        @Override
        public void collect(Object record, long timestamp) {
            throw new AssertionError("a sink emits nothing");
        }

        @Override
        public void emitWatermark(long watermark) {}
    };

    private KafkaClients clients;
    private String bootstrap;

    @BeforeEach
    void clients(EmbeddedKafkaBroker broker) {
        bootstrap = broker.getBrokersAsString();
        clients = new KafkaClients(bootstrap, "eo-it-" + CLIENTS.incrementAndGet());
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void restoredAttemptCommitsTheCompletedEpochOnceAndFencesTheZombie() throws Exception {
        String topic = "eo-out-" + CLIENTS.incrementAndGet();
        String job = JobId.random().toString();
        OperatorSpec.KafkaSink spec = new OperatorSpec.KafkaSink(topic, null, null, OperatorSpec.RecordFormat.STRING,
                OperatorSpec.DeliveryGuarantee.EXACTLY_ONCE);

        KafkaSinkOperator zombie = open(spec, job, 0);
        write(zombie, 1, 10);
        zombie.snapshotState(1);
        zombie.notifyCheckpointComplete(1);
        write(zombie, 11, 20);
        byte[] snapshot2 = zombie.snapshotState(2);
        write(zombie, 21, 25);
        // Checkpoint 2 completed, but this attempt is lost before it commits; it lives on as a zombie.

        KafkaSinkOperator restored = open(spec, job, 1);
        restored.restoreState(snapshot2);
        write(restored, 21, 30);
        restored.finish();
        restored.close();

        // The zombie's commits run on its committer: the fencing shows at the latest when its end waits for them.
        assertThatThrownBy(() -> {
            zombie.notifyCheckpointComplete(2);
            zombie.finish();
        }).hasMessageContaining("fenced off");
        zombie.close();
        List<Long> expected = LongStream.rangeClosed(1, 30).boxed().toList();
        assertThat(read(topic, "read_committed")).isEqualTo(expected);
        // Nothing else was even written: staged records reach Kafka only inside the committing transaction.
        assertThat(read(topic, "read_uncommitted")).isEqualTo(expected);
    }

    private KafkaSinkOperator open(OperatorSpec.KafkaSink spec, String job, int attempt) {
        KafkaSinkOperator sink = new KafkaSinkOperator(spec, clients, null, "sink-" + attempt, job);
        sink.open(new SubtaskContext("out", 0, 1, 128, getClass().getClassLoader(), null, Clock.systemUTC()),
                NO_OUTPUT);
        return sink;
    }

    private static void write(KafkaSinkOperator sink, long from, long to) throws Exception {
        for (long i = from; i <= to; i++) {
            sink.processElement(i, i);
        }
    }

    private List<Long> read(String topic, String isolation) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<Long> values = new ArrayList<>();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(java.time.Duration.ofMillis(200))) {
                    values.add(Long.parseLong(new String(record.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        return values;
    }
}
