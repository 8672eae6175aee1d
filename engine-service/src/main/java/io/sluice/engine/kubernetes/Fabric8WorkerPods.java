package io.sluice.engine.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link WorkerPods} through the fabric8 client: bare pods labelled as this engine's workers. */
public final class Fabric8WorkerPods implements WorkerPods {

    /** Labels of every pod native mode creates; also how it finds them again after an engine restart. */
    static final Map<String, String> LABELS = Map.of("app", "sluice", "component", "worker", "sluice.io/mode", "native");
    private static final int WORKER_PORT = 8082;
    private static final String DATA_DIR = "/var/lib/sluice/data";
    private static final String CHECKPOINT_DIR = "/var/lib/sluice/checkpoints";

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

    /**
     * The same container as k8s/worker-session-deployment.yaml, with the slots and image of native mode, the shared
     * checkpoint volume, and the engine's pod as owner (garbage-collected with it).
     */
    Pod pod(String name) {
        Quantity memory = new Quantity(properties.workerMemory());
        List<EnvVar> env = new ArrayList<>(List.of(
                fieldEnv("SLUICE_WORKER_ID", "metadata.name"),
                fieldEnv("POD_IP", "status.podIP"),
                env("SLUICE_WORKER_ADVERTISED_ADDRESS", "$(POD_IP):" + WORKER_PORT),
                env("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers),
                env("SLUICE_WORKER_SLOTS", String.valueOf(properties.slotsPerWorker())),
                env("SLUICE_WORKER_DATA_DIR", DATA_DIR),
                env("SLUICE_WORKER_JARS_ENGINE_URL", properties.engineUrl().toString())));
        List<VolumeMount> mounts = new ArrayList<>(List.of(
                new VolumeMountBuilder().withName("data").withMountPath(DATA_DIR).build()));
        List<Volume> volumes = new ArrayList<>(List.of(
                new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build()));
        if (properties.checkpointClaim() != null) {
            env.add(env("SLUICE_WORKER_CHECKPOINT_DIR", CHECKPOINT_DIR));
            mounts.add(new VolumeMountBuilder().withName("checkpoints").withMountPath(CHECKPOINT_DIR).build());
            volumes.add(new VolumeBuilder().withName("checkpoints")
                    .withNewPersistentVolumeClaim().withClaimName(properties.checkpointClaim()).endPersistentVolumeClaim()
                    .build());
        }
        List<OwnerReference> owners = properties.ownerPodName() == null
                ? List.of()
                : List.of(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
                        .withName(properties.ownerPodName()).withUid(properties.ownerPodUid()).build());
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(LABELS)
                    .withOwnerReferences(owners).endMetadata()
                .withNewSpec()
                    .withTerminationGracePeriodSeconds(60L)
                    .withAutomountServiceAccountToken(false)
                    .addNewContainer()
                        .withName("worker")
                        .withImage(properties.workerImage())
                        .addNewPort().withName("http").withContainerPort(WORKER_PORT).endPort()
                        .withEnv(env)
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
                        .withVolumeMounts(mounts)
                    .endContainer()
                    .withVolumes(volumes)
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
