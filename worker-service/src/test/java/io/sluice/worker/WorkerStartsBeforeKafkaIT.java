package io.sluice.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.ControlMessageCodec;
import io.sluice.protocol.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A worker started before its broker is alive at once, reports Kafka DOWN in its health, registers when the broker
 * comes up, and is healthy then.
 */
class WorkerStartsBeforeKafkaIT {

    @Test
    void starts_without_kafka_then_registers_once_kafka_is_up() throws Exception {
        int kafkaPort = TcpForwarder.freePort();
        ConfigurableApplicationContext worker = new SpringApplicationBuilder(WorkerApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=localhost:" + kafkaPort,
                "--sluice.worker.id=late-worker",
                "--sluice.worker.heartbeat-interval=200ms");
        EmbeddedKafkaKraftBroker broker = null;
        TcpForwarder kafkaAddress = null;
        try {
            String httpPort = worker.getEnvironment().getProperty("local.server.port");
            WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort)
                    .responseTimeout(Duration.ofSeconds(30)).build();
            // Alive (probes keep it running), but health reports the missing broker.
            http.get().uri("/actuator/health/liveness").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
            http.get().uri("/actuator/health").exchange()
                    .expectStatus().isEqualTo(503).expectBody().jsonPath("$.status").isEqualTo("DOWN");

            // The embedded KRaft broker cannot be given a port: it starts on its own, then the worker's port leads to it.
            broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.afterPropertiesSet();
            int brokerPort = Integer.parseInt(broker.getBrokersAsString().replaceAll(".*:", ""));
            kafkaAddress = new TcpForwarder(kafkaPort, brokerPort);

            Heartbeat heartbeat = awaitHeartbeat(broker.getBrokersAsString());
            assertThat(heartbeat.worker().value()).isEqualTo("late-worker");
            assertThat(heartbeat.address()).endsWith(":" + httpPort);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (http.get().uri("/actuator/health").exchange().returnResult(String.class).getStatus().value() != 200) {
                assertThat(System.nanoTime()).as("health UP once Kafka is reachable").isLessThan(deadline);
                Thread.sleep(200);
            }
        } finally {
            worker.close();
            if (kafkaAddress != null) {
                kafkaAddress.close();
            }
            if (broker != null) {
                broker.destroy();
            }
        }
    }

    private static Heartbeat awaitHeartbeat(String bootstrapServers) {
        try (KafkaConsumer<byte[], byte[]> status = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            TopicPartition partition = new TopicPartition(Topics.STATUS, 0);
            status.assign(List.of(partition));
            status.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : status.poll(Duration.ofMillis(200))) {
                    ControlMessage message = ControlMessageCodec.decode(record.value());
                    if (message instanceof Heartbeat heartbeat) {
                        return heartbeat;
                    }
                }
            }
        }
        throw new AssertionError("no heartbeat on " + Topics.STATUS);
    }
}
