package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The proof of exactly-once: a keyed count-and-sum job over 200,000 records of a bounded input topic, checkpointed
 * every second into an exactly-once Kafka sink, survives three SIGKILLed workers and a kill -9 of the engine, and a
 * read_committed reader of the sink sees exactly the updates an independent computation over the input gives.
 * The seed ({@code -Dsluice.chaos.seed}, printed) makes the chaos repeatable.
 */
class ExactlyOnceChaosIT {

    @Test
    void outputIsExactlyTheIndependentComputationAcrossWorkerAndEngineKills() throws Exception {
        long seed = Long.getLong("sluice.chaos.seed", System.nanoTime());
        try (ProcessCluster cluster = new ProcessCluster(Duration.ofSeconds(10))) {
            ChaosRun.Result result = new ChaosRun(cluster, ChaosRun.Guarantee.EXACTLY_ONCE, seed).run();
            System.out.println("Exactly-once chaos, seed " + seed + ", " + result.duration().toSeconds() + " s: "
                    + result.events() + "; " + result.mismatches().size() + " keys differ, e.g. "
                    + result.mismatches().stream().limit(3).toList());

            assertThat(result.mismatches()).as("keys whose output differs (seed %d)", seed).isEmpty();
            assertThat(result.events()).as("seed %d", seed).hasSize(4);
            // Each kill was seen as a lost worker: it landed while the job ran, not after it had finished.
            assertThat(result.workerLosses()).as("worker losses the job saw (seed %d)", seed)
                    .isGreaterThanOrEqualTo(3);
        }
    }
}
