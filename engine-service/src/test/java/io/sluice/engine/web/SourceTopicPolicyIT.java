package io.sluice.engine.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code sluice.engine.require-existing-source-topics=true} on a real engine and an embedded broker. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.engine.require-existing-source-topics=true", "sluice.engine.heartbeat-timeout=60s"})
@EmbeddedKafka(topics = "orders", bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@AutoConfigureWebTestClient(timeout = "30s")
class SourceTopicPolicyIT {

    @Autowired
    WebTestClient client;

    private static String spec(String topic, String brokerField) {
        return """
                {"name": "topics", "operators": [
                  {"id": "in", "type": "kafka-source", "topic": "%s"%s},
                  {"id": "out", "type": "print", "input": "in"}
                ]}""".formatted(topic, brokerField);
    }

    private WebTestClient.ResponseSpec submit(String spec) {
        return client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(spec).exchange();
    }

    @Test
    void aJobReadingAnExistingTopicIsAccepted() {
        submit(spec("orders", "")).expectStatus().isAccepted().expectBody().jsonPath("$.jobid").isNotEmpty();
    }

    @Test
    void aJobReadingAMissingTopicIsRefusedAtTheSourcesTopic() {
        submit(spec("no-such-topic", ""))
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.field-errors.length()").isEqualTo(1)
                .jsonPath("$.field-errors[0].field").isEqualTo("$.operators[0].topic")
                .jsonPath("$.field-errors[0].reason").value(String.class, reason -> org.assertj.core.api.Assertions
                        .assertThat(reason).startsWith("topic 'no-such-topic' does not exist on "));
    }

    @Test
    void aSourceBrokerThatCannotBeReachedIsAClientErrorNamingIt() {
        // Port 1 on loopback: nothing listens there.
        submit(spec("orders", ", \"bootstrap-servers\": \"127.0.0.1:1\""))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.field-errors[0].field").isEqualTo("$.operators[0].topic")
                .jsonPath("$.field-errors[0].reason").value(String.class, reason -> org.assertj.core.api.Assertions
                        .assertThat(reason).startsWith("cannot check that topic 'orders' exists: Kafka at 127.0.0.1:1 "));
    }
}
