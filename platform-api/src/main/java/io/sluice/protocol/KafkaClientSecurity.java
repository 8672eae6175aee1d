package io.sluice.protocol;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which configured Kafka client settings every client of the engine and the workers inherits: the security ones
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}), so a SASL or TLS cluster needs them set once (as
 * {@code spring.kafka.properties.*}, or Boot's {@code spring.kafka.security.*} / {@code spring.kafka.ssl.*}).
 */
public final class KafkaClientSecurity {

    private KafkaClientSecurity() {}

    /** The security settings among {@code configured} (for example Boot's built admin properties). */
    public static Map<String, Object> select(Map<String, ?> configured) {
        Map<String, Object> selected = new TreeMap<>();
        configured.forEach((key, value) -> {
            if (value != null && isSecuritySetting(key)) {
                selected.put(key, value);
            }
        });
        return Map.copyOf(selected);
    }

    static boolean isSecuritySetting(String key) {
        return key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl.");
    }
}
