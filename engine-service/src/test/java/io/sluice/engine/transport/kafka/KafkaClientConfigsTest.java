package io.sluice.engine.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.protocol.KafkaClientSecurity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** SASL/TLS settings configured once under spring.kafka.* reach the engine's admin, producer and consumer. */
class KafkaClientConfigsTest {

    @Test
    void securitySettingsReachEveryEngineClient() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getSecurity().setProtocol("SSL");
        kafka.getProperties().put("ssl.keystore.location", "/etc/kafka/engine.p12");
        kafka.getProperties().put("sasl.kerberos.service.name", "kafka");
        kafka.getProperties().put("acks", "0"); // not a security setting: stays out
        KafkaClientConfigs configs =
                new KafkaClientConfigs("broker:9093", KafkaClientSecurity.select(kafka.buildAdminProperties()));

        Map<String, Object> expected = Map.of(
                "security.protocol", "SSL",
                "ssl.keystore.location", "/etc/kafka/engine.p12",
                "sasl.kerberos.service.name", "kafka",
                "bootstrap.servers", "broker:9093");
        for (Map<String, Object> config : List.of(
                KafkaTopicAdmin.adminConfig(configs),
                KafkaControlChannel.producerConfig(configs),
                KafkaStatusListener.consumerConfig(configs))) {
            assertThat(config).containsAllEntriesOf(expected);
        }
        assertThat(KafkaControlChannel.producerConfig(configs)).containsEntry("acks", "all");
    }
}
