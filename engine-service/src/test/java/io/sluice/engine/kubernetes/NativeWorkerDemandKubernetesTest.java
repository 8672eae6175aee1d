package io.sluice.engine.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.job.JobManager;
import io.sluice.engine.kubernetes.ClusterDemand.RegisteredWorker;
import io.sluice.engine.testing.ManualClock;
import io.sluice.engine.testing.RecordingControlChannel;
import io.sluice.engine.testing.RecordingTopicAdmin;
import io.sluice.engine.testing.TestGraphs;
import io.sluice.protocol.ControlMessage.Heartbeat;
import io.sluice.protocol.WorkerId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What native mode reads from the job manager: slots waiting jobs need, and the registered workers. */
class NativeWorkerDemandKubernetesTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final JobManager jobManager =
            new JobManager(new RecordingControlChannel(), new RecordingTopicAdmin(), clock, Duration.ofSeconds(10));

    @Test
    void a_job_that_cannot_be_placed_waits_with_one_slot_per_task() {
        heartbeat("sluice-worker-0", 2);
        // two stages of parallelism 3: 6 tasks, 6 slots, and only 2 exist
        jobManager.submit(TestGraphs.twoStage(3));

        ClusterDemand demand = NativeWorkerReconciler.demand(jobManager);

        assertThat(demand.waitingSlots()).isEqualTo(6);
        assertThat(demand.workers()).containsExactly(new RegisteredWorker("sluice-worker-0", 2, 2));
    }

    @Test
    void a_placed_job_needs_nothing_more_and_its_workers_are_busy() {
        heartbeat("sluice-worker-0", 2);
        heartbeat("sluice-worker-1", 2);
        jobManager.submit(TestGraphs.twoStage(2));

        ClusterDemand demand = NativeWorkerReconciler.demand(jobManager);

        assertThat(demand.waitingSlots()).isZero();
        assertThat(demand.workers()).extracting(RegisteredWorker::freeSlots).containsOnly(0);
    }

    private void heartbeat(String worker, int slots) {
        jobManager.onMessage(new Heartbeat(new WorkerId(worker), worker + ":8082", slots, List.of(),
                clock.instant().toEpochMilli()));
    }
}
