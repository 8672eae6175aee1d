package io.sluice.engine.transport.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The one place that builds the engine's Kafka client configurations: the broker, the security settings every
 * client inherits ({@link io.sluice.protocol.KafkaClientSecurity}), and each client's own settings on top.
 */
public record KafkaClientConfigs(String bootstrapServers, Map<String, Object> security) {

    public KafkaClientConfigs {
        security = Map.copyOf(security);
    }

    /** A plaintext cluster. */
    public static KafkaClientConfigs of(String bootstrapServers) {
        return new KafkaClientConfigs(bootstrapServers, Map.of());
    }

    /** The configuration of one client: common settings, then {@code own}. */
    public Map<String, Object> client(Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(own);
        return config;
    }
}
