package io.sluice.engine.config;

import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.transport.kafka.KafkaControlChannel;
import io.sluice.engine.transport.kafka.KafkaStatusListener;
import io.sluice.engine.transport.kafka.KafkaTopicAdmin;
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

    @Bean(destroyMethod = "close")
    KafkaTopicAdmin topicAdmin(KafkaProperties kafka) {
        return new KafkaTopicAdmin(bootstrapServers(kafka));
    }

    @Bean(destroyMethod = "close")
    KafkaControlChannel controlChannel(KafkaProperties kafka) {
        return new KafkaControlChannel(bootstrapServers(kafka));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    KafkaStatusListener statusListener(KafkaProperties kafka, KafkaTopicAdmin topicAdmin, JobManagerActor actor,
            TaskMetricsRegistry metrics) {
        return new KafkaStatusListener(bootstrapServers(kafka), topicAdmin, message -> {
            // Metrics are for display: they go straight to their registry, not through the job manager's thread.
            if (message instanceof ControlMessage.TaskMetricsReport report) {
                metrics.accept(report);
            } else {
                actor.tell(jm -> jm.onMessage(message));
            }
        });
    }

    private static String bootstrapServers(KafkaProperties kafka) {
        return String.join(",", kafka.getBootstrapServers());
    }
}
