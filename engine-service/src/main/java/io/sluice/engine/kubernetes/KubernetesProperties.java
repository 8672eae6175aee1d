package io.sluice.engine.kubernetes;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Native Kubernetes mode ({@code sluice.kubernetes.*}): the engine creates and deletes worker pods itself.
 *
 * @param enabled native mode on; off, the engine only uses the workers that register
 * @param namespace where worker pods go; blank for the engine's own namespace (from its service account)
 * @param workerImage image of the worker pods
 * @param slotsPerWorker slots of each worker pod
 * @param maxWorkers the most worker pods at once
 * @param idleTimeout a worker pod without tasks for this long is deleted
 * @param startTimeout a worker pod not registered this long after it was first seen is deleted
 * @param reconcileInterval how often demand and pods are compared
 * @param workerMemory memory request and limit of a worker pod
 * @param initialBackoff first wait after a failed API call (doubles up to maxBackoff)
 * @param maxBackoff longest wait between retries of failed API calls
 * @param checkpointClaim the ReadWriteMany PersistentVolumeClaim worker pods mount as checkpoint storage (every
 *     worker must see every checkpoint); blank for none (checkpointed jobs then cannot fail over)
 * @param ownerPodName the engine's pod (downward API {@code metadata.name}): worker pods get an owner reference to
 *     it, so Kubernetes deletes them with the engine's pod (and its Deployment or Job); blank for no owner
 * @param ownerPodUid that pod's uid (downward API {@code metadata.uid}); needed with {@code ownerPodName}
 * @param engineUrl this engine's REST address as worker pods reach it (its Service {@code sluice-engine}, port
 *     8081, in k8s/): they fetch the jars of jar jobs from it ({@code sluice.worker.jars.engine-url})
 */
@Validated
@ConfigurationProperties("sluice.kubernetes")
public record KubernetesProperties(
        @DefaultValue("false") boolean enabled,
        String namespace,
        @DefaultValue("sluice/worker:0.1.0-SNAPSHOT") @NotBlank String workerImage,
        @DefaultValue("4") @Min(1) int slotsPerWorker,
        @DefaultValue("4") @Min(0) int maxWorkers,
        @DefaultValue("60s") @NotNull Duration idleTimeout,
        @DefaultValue("5m") @NotNull Duration startTimeout,
        @DefaultValue("5s") @NotNull Duration reconcileInterval,
        @DefaultValue("1536Mi") @NotBlank String workerMemory,
        @DefaultValue("1s") @NotNull Duration initialBackoff,
        @DefaultValue("60s") @NotNull Duration maxBackoff,
        @DefaultValue("sluice-checkpoints") String checkpointClaim,
        String ownerPodName,
        String ownerPodUid,
        @DefaultValue("http://sluice-engine:8081") @NotNull URI engineUrl) {

    public KubernetesProperties {
        checkpointClaim = blankToNull(checkpointClaim);
        ownerPodName = blankToNull(ownerPodName);
        ownerPodUid = blankToNull(ownerPodUid);
    }

    /** An owner needs both name and uid: Kubernetes refuses an owner reference without a uid. */
    @AssertTrue(message = "owner-pod-name and owner-pod-uid must be set together")
    public boolean isOwnerComplete() {
        return (ownerPodName == null) == (ownerPodUid == null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    NativeWorkerPolicy policy() {
        return new NativeWorkerPolicy(slotsPerWorker, maxWorkers, idleTimeout, startTimeout, initialBackoff, maxBackoff);
    }
}
