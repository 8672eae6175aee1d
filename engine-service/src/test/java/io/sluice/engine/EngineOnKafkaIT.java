package io.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessage.DeployTasks;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.ControlMessage.TaskStateChanged;
import io.sluice.protocol.ControlMessageCodec;
import io.sluice.protocol.TaskId;
import io.sluice.protocol.TaskState;
import io.sluice.protocol.Topics;
import io.sluice.protocol.WorkerId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The engine as deployed, on an embedded broker, with this test playing a worker over the control plane:
 * heartbeat → job deployed to it → task reports → job FINISHED and its topics deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@AutoConfigureWebTestClient(timeout = "30s") // a loaded 2-core CI machine can take over 5 s (the default)
class EngineOnKafkaIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final WorkerId WORKER = new WorkerId("it-worker");

    @Autowired
    WebTestClient client;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    void aJobRunsToTheEndWithAWorkerSpeakingKafka() throws Exception {
        try (KafkaProducer<String, byte[]> status = producer();
                KafkaConsumer<String, byte[]> control = consumer();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(WAIT).until(() -> admin.listTopics().names().get().contains(Topics.CONTROL));
            TopicPartition controlPartition = new TopicPartition(Topics.CONTROL, 0);
            control.assign(List.of(controlPartition));
            control.seekToEnd(List.of(controlPartition));
            control.position(controlPartition);

            // Like a worker: beat until the engine (which starts reading at the end of the topic) has heard it.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
                send(status, new Heartbeat(WORKER, "localhost:18082", 4, List.of(), System.currentTimeMillis()));
                return registeredWorkers().contains(WORKER.value());
            });

            String jobId = submit("""
                    {"name": "it", "operators": [
                      {"id": "gen", "type": "generator", "kind": "sequence", "count": 10, "parallelism": 1},
                      {"id": "out", "type": "print", "input": "gen", "parallelism": 2}
                    ]}""");

            DeployTasks deploy = (DeployTasks) awaitCommand(control);
            assertThat(deploy.worker()).isEqualTo(WORKER);
            assertThat(deploy.plan().jobId().hex()).isEqualTo(jobId);
            assertThat(deploy.tasks()).hasSize(3);
            String channelTopic = deploy.plan().channels().get(0).topic();
            assertThat(admin.describeTopics(List.of(channelTopic)).allTopicNames().get()
                    .get(channelTopic).partitions()).hasSize(2);

            for (TaskState state : List.of(TaskState.RUNNING, TaskState.FINISHED)) {
                for (TaskId task : deploy.tasks()) {
                    send(status, new TaskStateChanged(WORKER, task, deploy.attempt(), state, null, 0));
                }
            }

            await().atMost(WAIT).untilAsserted(() -> client.get().uri("/jobs/{id}", jobId).exchange()
                    .expectBody().jsonPath("$.state").isEqualTo("FINISHED"));
            await().atMost(WAIT).until(() -> !admin.listTopics().names().get().contains(channelTopic));
        }
    }

    private List<String> registeredWorkers() {
        Map<?, ?> body = client.get().uri("/taskmanagers").exchange()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) body.get("taskmanagers")).stream()
                .map(tm -> (String) ((Map<?, ?>) tm).get("id"))
                .toList();
    }

    private String submit(String spec) {
        Map<?, ?> body = client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(spec).exchange()
                .expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("jobid");
    }

    private static void send(KafkaProducer<String, byte[]> producer, ControlMessage message) throws Exception {
        producer.send(new ProducerRecord<>(Topics.STATUS, message.worker().value(), ControlMessageCodec.encode(message)))
                .get();
    }

    private static ControlMessage awaitCommand(KafkaConsumer<String, byte[]> control) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : control.poll(Duration.ofMillis(500))) {
                assertThat(record.key()).isEqualTo(WORKER.value());
                return ControlMessageCodec.decode(record.value());
            }
        }
        throw new AssertionError("no command on " + Topics.CONTROL + " within " + WAIT);
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
