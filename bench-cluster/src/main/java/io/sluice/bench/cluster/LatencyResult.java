package io.sluice.bench.cluster;

/** The latency phase of one scenario: quantiles over {@code samples} results, in milliseconds. */
record LatencyResult(Scenario scenario, int samples, double p50, double p99, double max) {

    static LatencyResult of(Scenario scenario, LatencyRecorder recorder) {
        return new LatencyResult(scenario, recorder.size(), recorder.quantile(0.5), recorder.quantile(0.99),
                recorder.quantile(1.0));
    }
}
