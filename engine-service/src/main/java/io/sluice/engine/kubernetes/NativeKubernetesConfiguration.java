package io.sluice.engine.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sluice.engine.job.JobManagerActor;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Native mode, only with {@code sluice.kubernetes.enabled=true}: the engine sizes its worker pool itself. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KubernetesProperties.class)
@ConditionalOnProperty(prefix = "sluice.kubernetes", name = "enabled", havingValue = "true")
class NativeKubernetesConfiguration {

    /** In a pod: the service account's token and namespace; outside: ~/.kube/config. */
    @Bean(destroyMethod = "close")
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    @Bean
    WorkerPods workerPods(
            KubernetesClient client,
            KubernetesProperties properties,
            @Value("${spring.kafka.bootstrap-servers}") String kafkaBootstrapServers) {
        String namespace = properties.namespace() == null || properties.namespace().isBlank()
                ? client.getNamespace()
                : properties.namespace();
        return new Fabric8WorkerPods(client, namespace, properties, kafkaBootstrapServers);
    }

    @Bean(destroyMethod = "close")
    NativeWorkerReconciler nativeWorkerReconciler(
            JobManagerActor jobManager, WorkerPods pods, KubernetesProperties properties, Clock clock) {
        var log = LoggerFactory.getLogger(NativeWorkerController.class);
        var controller = new NativeWorkerController(pods, properties.policy(), log::warn);
        var reconciler = new NativeWorkerReconciler(jobManager, controller, clock);
        reconciler.start(properties.reconcileInterval());
        return reconciler;
    }
}
