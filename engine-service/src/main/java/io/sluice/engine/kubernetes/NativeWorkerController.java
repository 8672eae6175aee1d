package io.sluice.engine.kubernetes;

import io.sluice.engine.kubernetes.ClusterDemand.RegisteredWorker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Native mode, like Flink's native Kubernetes integration: adds worker pods while waiting jobs need more slots
 * than are free (pods still starting count as the slots they will bring), up to a maximum, and removes workers
 * that have been idle for the idle timeout, and pods whose worker never registered within the start timeout. A failed API call is retried on later reconciles with exponential
 * backoff. Single-threaded: call {@link #reconcile} from one thread; time comes from the caller.
 */
public final class NativeWorkerController {

    /** What one reconcile did. */
    public record Outcome(List<String> created, List<String> deleted, Optional<String> error) {

        static Outcome backingOff() {
            return new Outcome(List.of(), List.of(), Optional.empty());
        }
    }

    private final WorkerPods pods;
    private final NativeWorkerPolicy policy;
    private final Consumer<String> log;
    private final Map<String, Instant> idleSince = new HashMap<>();
    private final Map<String, Instant> unregisteredSince = new HashMap<>();
    private int nextPod;
    private Instant retryAt = Instant.MIN;
    private Duration backoff = Duration.ZERO;

    public NativeWorkerController(WorkerPods pods, NativeWorkerPolicy policy, Consumer<String> log) {
        this.pods = pods;
        this.policy = policy;
        this.log = log;
    }

    public Outcome reconcile(Instant now, ClusterDemand demand) {
        if (now.isBefore(retryAt)) {
            return Outcome.backingOff();
        }
        List<String> created = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        try {
            Set<String> existing = new HashSet<>(pods.list());
            Map<String, RegisteredWorker> registered = demand.workers().stream()
                    .collect(Collectors.toMap(RegisteredWorker::id, w -> w, (a, b) -> a));
            trackIdleness(now, existing, registered);
            for (String stuck : stuckPods(now, existing, registered)) {
                log.accept("Worker pod " + stuck + " did not register within " + policy.startTimeout()
                        + "; deleting it");
                pods.delete(stuck);
                existing.remove(stuck);
                unregisteredSince.remove(stuck);
                deleted.add(stuck);
            }

            long starting = existing.stream().filter(p -> !registered.containsKey(p)).count();
            int missing = demand.waitingSlots() - demand.freeSlots() - (int) starting * policy.slotsPerWorker();
            if (missing > 0) {
                int wanted = ceilDiv(missing, policy.slotsPerWorker());
                int room = Math.max(0, policy.maxWorkers() - existing.size());
                for (int i = 0; i < Math.min(wanted, room); i++) {
                    String name = newPodName(existing);
                    pods.create(name);
                    unregisteredSince.put(name, now);
                    existing.add(name);
                    created.add(name);
                }
            } else if (demand.waitingSlots() == 0) {
                for (var entry : Map.copyOf(idleSince).entrySet()) {
                    if (!now.isBefore(entry.getValue().plus(policy.idleTimeout()))) {
                        pods.delete(entry.getKey());
                        idleSince.remove(entry.getKey());
                        deleted.add(entry.getKey());
                    }
                }
            }
            backoff = Duration.ZERO;
            return new Outcome(created, deleted, Optional.empty());
        } catch (RuntimeException e) {
            backoff = backoff.isZero() ? policy.initialBackoff() : min(backoff.multipliedBy(2), policy.maxBackoff());
            retryAt = now.plus(backoff);
            String error = "Kubernetes API call failed, retrying in " + backoff + ": " + e;
            log.accept(error);
            return new Outcome(created, deleted, Optional.of(error));
        }
    }

    /** Idle since the first reconcile that saw it idle; a worker with tasks, or gone, is not idle. */
    private void trackIdleness(Instant now, Set<String> existing, Map<String, RegisteredWorker> registered) {
        idleSince.keySet().removeIf(p -> !existing.contains(p)
                || !registered.containsKey(p) || !registered.get(p).idle());
        for (String pod : existing) {
            RegisteredWorker worker = registered.get(pod);
            if (worker != null && worker.idle()) {
                idleSince.putIfAbsent(pod, now);
            }
        }
    }

    /** Pods whose worker has not registered for the start timeout since created (or first seen, if older). */
    private List<String> stuckPods(Instant now, Set<String> existing, Map<String, RegisteredWorker> registered) {
        unregisteredSince.keySet().removeIf(p -> !existing.contains(p) || registered.containsKey(p));
        for (String pod : existing) {
            if (!registered.containsKey(pod)) {
                unregisteredSince.putIfAbsent(pod, now);
            }
        }
        return unregisteredSince.entrySet().stream()
                .filter(e -> !now.isBefore(e.getValue().plus(policy.startTimeout())))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private String newPodName(Set<String> existing) {
        String name;
        do {
            name = "sluice-worker-" + nextPod++;
        } while (existing.contains(name));
        return name;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
