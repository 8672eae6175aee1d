package io.sluice.worker.config;

import io.sluice.protocol.WorkerId;
import io.sluice.worker.heartbeat.HeartbeatSender;
import io.sluice.protocol.KafkaClientSecurity;
import io.sluice.worker.io.kafka.KafkaClients;
import io.sluice.worker.io.kafka.KafkaControlListener;
import io.sluice.worker.io.kafka.KafkaStatusReporter;
import io.sluice.worker.io.kafka.KafkaTaskIoFactory;
import io.sluice.worker.state.WorkerDataDirectory;
import io.sluice.worker.jar.JarCache;
import io.sluice.worker.jar.JobClassLoaders;
import io.sluice.worker.state.WorkerStateBackends;
import io.sluice.worker.task.TaskExecutor;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.worker.metrics.TaskMetricsReporter;
import io.sluice.worker.metrics.TaskMetricsStore;
import io.sluice.worker.metrics.WorkerMetricsSampler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the worker: Kafka adapters around the pure task executor. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WorkerProperties.class, UserJarProperties.class})
class WorkerConfiguration {

    /** How long cancelled tasks may take to stop before their threads are interrupted. */
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    WorkerId workerId(WorkerProperties properties) {
        return new WorkerId(properties.id());
    }

    @Bean
    KafkaClients kafkaClients(KafkaProperties kafka, WorkerId worker, WorkerProperties properties) {
        // Security settings (spring.kafka.properties.sasl.*, spring.kafka.ssl.*, ...) reach every client.
        return new KafkaClients(String.join(",", kafka.getBootstrapServers()), worker.value(),
                KafkaClientSecurity.select(kafka.buildAdminProperties()), properties.channelCompression());
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
            WorkerStateBackends stateBackends, TaskMetricsStore taskMetrics, UserJarProperties jars) {
        return new TaskExecutor(
                worker,
                properties.slots(),
                new KafkaTaskIoFactory(clients),
                reporter,
                new JobClassLoaders(WorkerConfiguration.class.getClassLoader(),
                        new JarCache(jars.engineUrl(), jars.cacheDir(), jars.fetchTimeout())),
                Clock.systemUTC(),
                CANCEL_TIMEOUT,
                new CheckpointStorage(properties.checkpointDir()),
                stateBackends,
                taskMetrics);
    }

    @Bean
    TaskMetricsStore taskMetricsStore(MeterRegistry registry) {
        return new TaskMetricsStore(registry);
    }

    @Bean
    WorkerMetricsSampler workerMetricsSampler(WorkerProperties properties, TaskExecutor executor) {
        return new WorkerMetricsSampler(properties.slots(), () -> executor.runningTasks().size(), properties.dataDir());
    }

    /** Task metrics go to the engine as often as heartbeats. */
    @Bean(destroyMethod = "close")
    TaskMetricsReporter taskMetricsReporter(WorkerId worker, WorkerProperties properties, TaskMetricsStore store,
            WorkerMetricsSampler sampler, TaskExecutor executor, KafkaStatusReporter reporter) {
        TaskMetricsReporter metricsReporter = new TaskMetricsReporter(
                worker, store, sampler, executor::runningTasks, reporter, Clock.systemUTC());
        metricsReporter.start(properties.heartbeatInterval());
        return metricsReporter;
    }

    /** Opened at start-up: deletes the state files of workers that died here (SIGKILL) before taking tasks. */
    @Bean
    WorkerDataDirectory dataDirectory(WorkerProperties properties, WorkerId worker) throws IOException {
        return WorkerDataDirectory.open(properties.dataDir(), worker);
    }

    @Bean
    WorkerStateBackends stateBackends(WorkerProperties properties, WorkerDataDirectory dataDirectory) {
        return new WorkerStateBackends(
                properties.stateBackend(), dataDirectory.path(), properties.stateExpectedEntries());
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
