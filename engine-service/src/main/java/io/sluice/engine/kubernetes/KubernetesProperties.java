package io.sluice.engine.kubernetes;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
        @DefaultValue("60s") @NotNull Duration maxBackoff) {

    NativeWorkerPolicy policy() {
        return new NativeWorkerPolicy(slotsPerWorker, maxWorkers, idleTimeout, startTimeout, initialBackoff, maxBackoff);
    }
}
