package io.sluice.worker.config;

import io.sluice.protocol.WorkerId;
import io.sluice.worker.heartbeat.HeartbeatSender;
import io.sluice.protocol.KafkaClientSecurity;
import io.sluice.worker.io.kafka.KafkaClients;
import io.sluice.worker.io.kafka.KafkaControlListener;
import io.sluice.worker.io.kafka.KafkaStatusReporter;
import io.sluice.worker.io.kafka.KafkaTaskIoFactory;
import io.sluice.worker.state.WorkerStateBackends;
import io.sluice.worker.task.TaskExecutor;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the worker: Kafka adapters around the pure task executor. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerProperties.class)
class WorkerConfiguration {

    /** How long cancelled tasks may take to stop before their threads are interrupted. */
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    WorkerId workerId(WorkerProperties properties) {
        return new WorkerId(properties.id());
    }

    @Bean
    KafkaClients kafkaClients(KafkaProperties kafka, WorkerId worker) {
        // Security settings (spring.kafka.properties.sasl.*, spring.kafka.ssl.*, ...) reach every client.
        return new KafkaClients(String.join(",", kafka.getBootstrapServers()), worker.value(),
                KafkaClientSecurity.select(kafka.buildAdminProperties()));
    }

    /**
     * Health component {@code kafka}: DOWN while the broker cannot be reached (the worker stays up, its liveness too,
     * and reconnects when the broker is back).
     */
    @Bean
    HealthIndicator kafkaHealthIndicator(KafkaClients clients) {
        return () -> {
            try {
                return Health.up().withDetail("brokers", clients.brokerCount(Duration.ofSeconds(3))).build();
            } catch (Exception e) {
                return Health.down().withDetail("error", "Kafka not reachable: " + e.getMessage()).build();
            }
        };
    }

    @Bean
    KafkaStatusReporter statusReporter(KafkaClients clients) {
        return new KafkaStatusReporter(clients);
    }

    @Bean
    TaskExecutor taskExecutor(WorkerId worker, WorkerProperties properties, KafkaClients clients, KafkaStatusReporter reporter,
            WorkerStateBackends stateBackends) {
        return new TaskExecutor(
                worker,
                properties.slots(),
                new KafkaTaskIoFactory(clients),
                reporter,
                WorkerConfiguration.class.getClassLoader(),
                Clock.systemUTC(),
                CANCEL_TIMEOUT,
                new CheckpointStorage(properties.checkpointDir()),
                stateBackends);
    }

    @Bean
    WorkerStateBackends stateBackends(WorkerProperties properties) {
        return new WorkerStateBackends(
                properties.stateBackend(), properties.dataDir(), properties.stateExpectedEntries());
    }

    @Bean
    HeartbeatSender heartbeatSender(
            WorkerId worker,
            WorkerProperties properties,
            TaskExecutor executor,
            KafkaStatusReporter reporter,
            Environment environment) {
        return new HeartbeatSender(
                worker,
                new AdvertisedAddress(properties.advertisedAddress(), environment),
                properties.slots(),
                executor::runningTasks,
                reporter,
                Clock.systemUTC());
    }

    @Bean
    KafkaControlListener controlListener(
            KafkaClients clients,
            WorkerId worker,
            TaskExecutor executor,
            HeartbeatSender heartbeats,
            WorkerProperties properties) {
        return new KafkaControlListener(clients, worker, executor, () -> heartbeats.start(properties.heartbeatInterval()));
    }

    @Bean
    WorkerLifecycle workerLifecycle(
            WorkerId worker,
            KafkaControlListener listener,
            HeartbeatSender heartbeats,
            TaskExecutor executor,
            KafkaStatusReporter reporter,
            KafkaClients clients,
            WorkerStateBackends stateBackends) {
        return new WorkerLifecycle(worker, listener, heartbeats, executor, reporter, clients, stateBackends);
    }
}
