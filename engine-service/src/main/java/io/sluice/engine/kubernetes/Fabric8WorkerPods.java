package io.sluice.engine.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/** {@link WorkerPods} through the fabric8 client: bare pods labelled as this engine's workers. */
public final class Fabric8WorkerPods implements WorkerPods {

    /** Labels of every pod native mode creates; also how it finds them again after an engine restart. */
    static final Map<String, String> LABELS = Map.of("app", "sluice", "component", "worker", "sluice.io/mode", "native");
    private static final int WORKER_PORT = 8082;

    private final KubernetesClient client;
    private final String namespace;
    private final KubernetesProperties properties;
    private final String kafkaBootstrapServers;

    public Fabric8WorkerPods(
            KubernetesClient client, String namespace, KubernetesProperties properties, String kafkaBootstrapServers) {
        this.client = client;
        this.namespace = namespace;
        this.properties = properties;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
    }

    /** Pods being deleted are left out: their workers are already leaving. */
    @Override
    public List<String> list() {
        return client.pods().inNamespace(namespace).withLabels(LABELS).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getMetadata().getName())
                .toList();
    }

    @Override
    public void create(String name) {
        client.pods().inNamespace(namespace).resource(pod(name)).create();
    }

    @Override
    public void delete(String name) {
        client.pods().inNamespace(namespace).withName(name).delete();
    }

    /** The same container as k8s/worker-session-deployment.yaml, with the slots and image of native mode. */
    Pod pod(String name) {
        Quantity memory = new Quantity(properties.workerMemory());
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(LABELS).endMetadata()
                .withNewSpec()
                    .withTerminationGracePeriodSeconds(60L)
                    .withAutomountServiceAccountToken(false)
                    .addNewContainer()
                        .withName("worker")
                        .withImage(properties.workerImage())
                        .addNewPort().withName("http").withContainerPort(WORKER_PORT).endPort()
                        .withEnv(
                                fieldEnv("SLUICE_WORKER_ID", "metadata.name"),
                                fieldEnv("POD_IP", "status.podIP"),
                                env("SLUICE_WORKER_ADVERTISED_ADDRESS", "$(POD_IP):" + WORKER_PORT),
                                env("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers),
                                env("SLUICE_WORKER_SLOTS", String.valueOf(properties.slotsPerWorker())),
                                env("SLUICE_WORKER_DATA_DIR", "/var/lib/sluice/data"))
                        .withNewResources()
                            .addToRequests("memory", memory)
                            .addToLimits("memory", memory)
                        .endResources()
                        .withNewReadinessProbe()
                            .withNewHttpGet().withPath("/actuator/health/readiness")
                                .withNewPort("http").endHttpGet()
                            .withPeriodSeconds(5)
                        .endReadinessProbe()
                        .withNewLivenessProbe()
                            .withNewHttpGet().withPath("/actuator/health/liveness")
                                .withNewPort("http").endHttpGet()
                            .withInitialDelaySeconds(60)
                            .withPeriodSeconds(10)
                        .endLivenessProbe()
                        .addNewVolumeMount().withName("data").withMountPath("/var/lib/sluice/data").endVolumeMount()
                    .endContainer()
                    .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar fieldEnv(String name, String fieldPath) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewFieldRef().withFieldPath(fieldPath).endFieldRef().endValueFrom()
                .build();
    }
}
