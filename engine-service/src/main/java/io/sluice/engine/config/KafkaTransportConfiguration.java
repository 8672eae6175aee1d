package io.sluice.engine.config;

import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.transport.kafka.KafkaClientConfigs;
import io.sluice.engine.transport.kafka.KafkaControlChannel;
import io.sluice.engine.transport.kafka.KafkaStatusListener;
import io.sluice.engine.transport.kafka.KafkaTopicAdmin;
import io.sluice.engine.transport.kafka.SourceTopicCheck;
import io.sluice.graph.json.SpecCheck;
import io.sluice.protocol.KafkaClientSecurity;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import io.sluice.engine.metrics.TaskMetricsRegistry;
import io.sluice.protocol.ControlMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka control plane: the two ports of the core plus the status listener, all on the broker of
 * {@code spring.kafka.bootstrap-servers}. {@code sluice.engine.kafka.enabled=false} leaves it out so tests can
 * supply in-memory ports.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sluice.engine.kafka.enabled", matchIfMissing = true)
public class KafkaTransportConfiguration {

    /** Broker and security settings (spring.kafka.properties.sasl.*, spring.kafka.ssl.*, ...) for every client. */
    @Bean
    KafkaClientConfigs kafkaClientConfigs(KafkaProperties kafka) {
        return new KafkaClientConfigs(String.join(",", kafka.getBootstrapServers()),
                KafkaClientSecurity.select(kafka.buildAdminProperties()));
    }

    @Bean(destroyMethod = "close")
    KafkaTopicAdmin topicAdmin(KafkaClientConfigs kafka) {
        return new KafkaTopicAdmin(kafka);
    }

    /**
     * Health component {@code kafka}: DOWN while the broker cannot be reached, so {@code /actuator/health} reports
     * the outage; liveness stays UP (the engine keeps running and reconnects when the broker is back).
     */
    @Bean
    HealthIndicator kafkaHealthIndicator(KafkaTopicAdmin topicAdmin) {
        return () -> {
            try {
                return Health.up().withDetail("brokers", topicAdmin.brokerCount(Duration.ofSeconds(3))).build();
            } catch (Exception e) {
                return Health.down().withDetail("error", "Kafka not reachable: " + e.getMessage()).build();
            }
        };
    }

    /**
     * {@code sluice.engine.require-existing-source-topics=true}: a job whose kafka-source topic does not exist on
     * its broker is refused at submission (400 at the source's {@code topic}), rather than waiting for the topic.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "sluice.engine.require-existing-source-topics")
    SpecCheck sourceTopicCheck(KafkaClientConfigs kafka) {
        return new SourceTopicCheck(kafka, Duration.ofSeconds(5));
    }

    @Bean(destroyMethod = "close")
    KafkaControlChannel controlChannel(KafkaClientConfigs kafka) {
        return new KafkaControlChannel(kafka);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    KafkaStatusListener statusListener(KafkaClientConfigs kafka, KafkaTopicAdmin topicAdmin, JobManagerActor actor,
            TaskMetricsRegistry metrics) {
        return new KafkaStatusListener(kafka, topicAdmin, message -> {
            // Metrics are for display: they go straight to their registry, not through the job manager's thread.
            if (message instanceof ControlMessage.TaskMetricsReport report) {
                metrics.accept(report);
            } else {
                actor.tell(jm -> jm.onMessage(message));
            }
        });
    }
}
