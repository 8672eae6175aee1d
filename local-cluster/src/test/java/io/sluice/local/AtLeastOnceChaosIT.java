package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The chaos harness can fail: the same chaos as {@link ExactlyOnceChaosIT}, but with the at-least-once sink and no
 * checkpoints (each restart starts over), must show keys whose output repeats or misses updates. Every kill lands
 * while the job runs (it is tied to output progress), so the repeats are certain, not a matter of timing.
 */
class AtLeastOnceChaosIT {

    @Test
    void theHarnessDetectsRepeatedOutputOfTheAtLeastOnceSink() throws Exception {
        long seed = Long.getLong("sluice.chaos.seed", System.nanoTime());
        try (ProcessCluster cluster = new ProcessCluster(Duration.ofSeconds(10))) {
            ChaosRun.Result result = new ChaosRun(cluster, ChaosRun.Guarantee.AT_LEAST_ONCE, seed).run();
            System.out.println("At-least-once chaos, seed " + seed + ", " + result.duration().toSeconds() + " s: "
                    + result.events() + "; " + result.mismatches().size() + " keys differ, e.g. "
                    + result.mismatches().stream().limit(3).toList());

            assertThat(result.events()).as("seed %d", seed).hasSize(4);
            assertThat(result.workerLosses()).as("worker losses the job saw (seed %d)", seed)
                    .isGreaterThanOrEqualTo(3);
            assertThat(result.mismatches()).as("keys whose output differs (seed %d)", seed).isNotEmpty();
        }
    }
}
