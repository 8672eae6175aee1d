package io.sluice.engine.kubernetes;

import java.util.List;

/**
 * What the job manager needs and has, seen by the native worker controller.
 *
 * @param waitingSlots slots the jobs waiting for slots need in all
 * @param workers the registered workers
 */
public record ClusterDemand(int waitingSlots, List<RegisteredWorker> workers) {

    public ClusterDemand {
        workers = List.copyOf(workers);
    }

    /** A registered worker; idle when no slot is taken. */
    public record RegisteredWorker(String id, int slots, int freeSlots) {

        boolean idle() {
            return freeSlots == slots;
        }
    }

    int freeSlots() {
        return workers.stream().mapToInt(RegisteredWorker::freeSlots).sum();
    }
}
