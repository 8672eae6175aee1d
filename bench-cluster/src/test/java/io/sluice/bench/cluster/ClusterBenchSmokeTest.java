package io.sluice.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end benchmark on a tiny input, every scenario once, so that the harness cannot rot: each scenario must
 * produce exactly the number of results derived from the generated input. No timing is asserted.
 */
class ClusterBenchSmokeTest {

    @Test
    void everyScenarioProducesTheExpectedResults() throws Exception {
        BenchOptions options = BenchOptions.parse("--records", "6000", "--keys", "50", "--event-rate", "200",
                "--repetitions", "1", "--latency-seconds", "0", "--worker-heap", "256m");
        ExpectedResults expected = new ExpectedResults(options.workload());
        List<RunResult> results;
        try (Benchmark benchmark = new Benchmark(options)) {
            results = benchmark.runAll(new ArrayList<>());
        }

        assertThat(results).extracting(RunResult::scenario).containsExactly(Scenario.values());
        for (RunResult result : results) {
            assertThat(result.results()).as(result.scenario().label)
                    .isEqualTo(result.scenario().expectedResults(expected, options.records()));
        }
        // The window scenarios differ in their counts, so a scenario that ran the wrong job would show.
        assertThat(Arrays.stream(Scenario.values()).map(s -> s.expectedResults(expected, 6000)).distinct().count())
                .isGreaterThanOrEqualTo(5);
        System.out.println(new Report(results, List.of()).markdown());
    }
}
