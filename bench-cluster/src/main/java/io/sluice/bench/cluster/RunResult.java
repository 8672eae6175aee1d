package io.sluice.bench.cluster;

/**
 * One measured run of one scenario.
 *
 * @param results results visible in the sink when the run ended (the expected count, or the run failed)
 * @param seconds first record read to last result visible to a read_committed consumer
 */
record RunResult(Scenario scenario, int repetition, long records, long results, double seconds,
        ResourceSampler.Resources resources) {

    double recordsPerSecond() {
        return records / seconds;
    }

    double cpuSecondsPerMillion() {
        return resources.cpuSeconds() / (records / 1e6);
    }
}
