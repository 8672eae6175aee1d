package io.sluice.engine.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.engine.testing.TestGraphs;
import io.sluice.protocol.ChannelSpec;
import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessage.CancelJob;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.ControlMessageCodec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.Topics;
import io.sluice.protocol.WorkerId;
import io.sluice.runtime.plan.JobPlanner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The Kafka adapter against an embedded KRaft broker. */
@EmbeddedKafka
class KafkaTransportIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private String bootstrap;
    private KafkaTopicAdmin topicAdmin;
    private Admin admin;

    @BeforeEach
    void connect(EmbeddedKafkaBroker broker) {
        bootstrap = broker.getBrokersAsString();
        topicAdmin = new KafkaTopicAdmin(bootstrap);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    @AfterEach
    void close() {
        topicAdmin.close();
        admin.close();
    }

    @Test
    void controlTopicsHaveOnePartitionAndChannelTopicsUpstreamTimesDownstream() throws Exception {
        topicAdmin.ensureControlTopics();
        topicAdmin.ensureControlTopics(); // existing topics are fine
        JobId jobId = JobId.random();
        ExecutionPlan plan = JobPlanner.plan(jobId, TestGraphs.twoStage(3));
        ChannelSpec channel = plan.channels().get(0);

        topicAdmin.createTopics(plan.channels());

        Map<String, TopicDescription> topics =
                admin.describeTopics(List.of(Topics.CONTROL, Topics.STATUS, channel.topic())).allTopicNames().get();
        assertThat(topics.get(Topics.CONTROL).partitions()).hasSize(1);
        assertThat(topics.get(Topics.STATUS).partitions()).hasSize(1);
        assertThat(topics.get(channel.topic()).partitions()).hasSize(9);

        topicAdmin.deleteJobTopics(jobId);

        await().atMost(WAIT).untilAsserted(() -> assertThat(admin.listTopics().names().get())
                .contains(Topics.CONTROL, Topics.STATUS)
                .doesNotContain(channel.topic()));
    }

    @Test
    void commandsGoToTheControlTopicKeyedByWorker() throws Exception {
        topicAdmin.ensureControlTopics();
        CancelJob command = new CancelJob(new WorkerId("w-1"), JobId.random());

        try (KafkaControlChannel control = new KafkaControlChannel(bootstrap);
                KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(Topics.CONTROL, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);

            control.send(command);

            ConsumerRecord<String, byte[]> record = pollOne(consumer);
            assertThat(record.key()).isEqualTo("w-1");
            assertThat(ControlMessageCodec.decode(record.value())).isEqualTo(command);
        }
    }

    @Test
    void workerMessagesOnTheStatusTopicReachTheSink() throws Exception {
        BlockingQueue<ControlMessage.ToEngine> received = new LinkedBlockingQueue<>();
        Heartbeat heartbeat = new Heartbeat(new WorkerId("w-2"), "localhost:8082", 4, List.of(), 1L);
        KafkaStatusListener listener = new KafkaStatusListener(bootstrap, topicAdmin, received::add);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            listener.start();
            // The listener starts at the end of the topic, so keep beating (as workers do) until it hears one.
            await().atMost(WAIT).until(() -> {
                producer.send(new ProducerRecord<>(Topics.STATUS, "w-2", ControlMessageCodec.encode(heartbeat)));
                return received.poll(500, TimeUnit.MILLISECONDS) != null;
            });
            received.clear();
            producer.send(new ProducerRecord<>(Topics.STATUS, "w-2", "not a message".getBytes())).get();
            producer.send(new ProducerRecord<>(Topics.STATUS, "w-2", ControlMessageCodec.encode(heartbeat))).get();

            assertThat(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(heartbeat);
        } finally {
            listener.close();
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static ConsumerRecord<String, byte[]> pollOne(KafkaConsumer<String, byte[]> consumer) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                return records.iterator().next();
            }
        }
        throw new AssertionError("no record on " + Topics.CONTROL + " within " + WAIT);
    }
}
