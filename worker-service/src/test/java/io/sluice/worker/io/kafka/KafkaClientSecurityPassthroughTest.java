package io.sluice.worker.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.protocol.KafkaClientSecurity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** SASL/TLS settings configured once under spring.kafka.* reach every client the worker creates. */
class KafkaClientSecurityPassthroughTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";";

    @Test
    void securitySettingsReachEveryClientAndNothingElseLeaks() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getSecurity().setProtocol("SASL_SSL");
        kafka.getProperties().put("sasl.mechanism", "PLAIN");
        kafka.getProperties().put("sasl.jaas.config", JAAS);
        kafka.getProperties().put("ssl.truststore.location", "/etc/kafka/truststore.jks");
        kafka.getProperties().put("linger.ms", "999"); // not a security setting: stays out
        KafkaClients clients = new KafkaClients("broker:9093", "w1", KafkaClientSecurity.select(kafka.buildAdminProperties()));

        Map<String, Object> expected = Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/kafka/truststore.jks");
        List<Map<String, Object>> configs = List.of(
                clients.producerConfig("broker:9093", "producer"),
                clients.transactionalProducerConfig("other:9093", "sink", "tx-1"),
                clients.consumerConfig("broker:9093", "source"),
                clients.adminConfig("broker:9093"));
        for (Map<String, Object> config : configs) {
            assertThat(config).containsAllEntriesOf(expected);
            assertThat(config.get("linger.ms")).isNotEqualTo("999");
        }
        assertThat(configs.get(1)).containsEntry("transactional.id", "tx-1").containsEntry("bootstrap.servers", "other:9093");
    }

    @Test
    void plaintextByDefault() {
        KafkaClients clients = new KafkaClients("broker:9092", "w1");
        assertThat(clients.consumerConfig("broker:9092", "c")).doesNotContainKey("security.protocol");
        assertThat(KafkaClientSecurity.select(new KafkaProperties().buildAdminProperties())).isEmpty();
    }
}
