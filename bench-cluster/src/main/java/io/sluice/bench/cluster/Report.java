package io.sluice.bench.cluster;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's table: per scenario the median over its runs of each figure, the latency phase's quantiles, and
 * the ratios Sluice / ceiling and Sluice / Kafka Streams (same guarantee) of records/s. Markdown, for
 * docs/benchmarks.md.
 */
final class Report {

    private final Map<Scenario, List<RunResult>> runs = new EnumMap<>(Scenario.class);
    private final Map<Scenario, LatencyResult> latencies = new EnumMap<>(Scenario.class);

    Report(List<RunResult> results, List<LatencyResult> latencyResults) {
        for (RunResult result : results) {
            runs.computeIfAbsent(result.scenario(), s -> new java.util.ArrayList<>()).add(result);
        }
        latencyResults.forEach(l -> latencies.put(l.scenario(), l));
    }

    Optional<Double> medianThroughput(Scenario scenario) {
        List<RunResult> list = runs.get(scenario);
        return list == null ? Optional.empty() : Optional.of(median(list, RunResult::recordsPerSecond));
    }

    String markdown() {
        StringBuilder table = new StringBuilder("""
                | scenario | runs | records/s | ÷ ceiling | ÷ Kafka Streams | p50 ms | p99 ms | max ms | CPU s / M records | GC share (worst JVM) | peak heap MB (largest JVM) | Chronicle Map MB |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                """);
        for (Scenario scenario : Scenario.values()) {
            List<RunResult> list = runs.get(scenario);
            if (list == null) {
                continue;
            }
            double throughput = median(list, RunResult::recordsPerSecond);
            LatencyResult latency = latencies.get(scenario);
            table.append("| ").append(scenario.label)
                    .append(" | ").append(list.size())
                    .append(" | ").append("%,.0f".formatted(throughput))
                    .append(" | ").append(ratio(throughput, scenario == Scenario.CEILING ? null : Scenario.CEILING))
                    .append(" | ").append(ratio(throughput, streamsCounterpart(scenario)))
                    .append(" | ").append(millis(latency, LatencyResult::p50))
                    .append(" | ").append(millis(latency, LatencyResult::p99))
                    .append(" | ").append(millis(latency, LatencyResult::max))
                    .append(" | ").append("%.1f".formatted(median(list, RunResult::cpuSecondsPerMillion)))
                    .append(" | ").append("%.1f%%".formatted(100 * median(list, r -> r.resources().gcShare())))
                    .append(" | ").append("%.0f".formatted(median(list, r -> r.resources().peakHeap()) / (1 << 20)))
                    .append(" | ").append(scenario.kind == Scenario.Kind.SLUICE
                            ? "%.0f".formatted(median(list, r -> r.resources().chronicleBytes()) / (1 << 20)) : "–")
                    .append(" |\n");
        }
        overhead(table, "running count+sum per key (f ÷ g)", Scenario.RUNNING_TOTALS_EXACTLY_ONCE,
                Scenario.RUNNING_TOTALS_NO_CHECKPOINTS);
        overhead(table, "tumbling count (b ÷ d)", Scenario.TUMBLING_EXACTLY_ONCE, Scenario.TUMBLING_NO_CHECKPOINTS);
        return table.toString();
    }

    /** Issue 3's checkpointing overhead: the same job with 1 s exactly-once checkpoints against none. */
    private void overhead(StringBuilder out, String job, Scenario exactlyOnce, Scenario none) {
        medianThroughput(exactlyOnce).ifPresent(eo -> medianThroughput(none).ifPresent(off -> out.append(
                "\nExactly-once 1 s checkpoints, %s: %.2f of the records/s without checkpoints (overhead %.0f%%)\n"
                        .formatted(job, eo / off, 100 * (1 - eo / off)))));
    }

    /** "–" when there was no latency phase or no result became visible in it. */
    private static String millis(LatencyResult latency, ToDoubleFunction<LatencyResult> quantile) {
        return latency == null || latency.samples() == 0 ? "–" : "%.0f".formatted(quantile.applyAsDouble(latency));
    }

    /** The Kafka Streams scenario with the same guarantee as a Sluice tumbling scenario. */
    private static Scenario streamsCounterpart(Scenario scenario) {
        return switch (scenario) {
            case TUMBLING_EXACTLY_ONCE -> Scenario.STREAMS_EXACTLY_ONCE;
            case TUMBLING_AT_LEAST_ONCE, TUMBLING_NO_CHECKPOINTS -> Scenario.STREAMS_AT_LEAST_ONCE;
            default -> null;
        };
    }

    private String ratio(double throughput, Scenario other) {
        if (other == null) {
            return "–";
        }
        return medianThroughput(other).map(o -> "%.2f".formatted(throughput / o)).orElse("–");
    }

    static double median(List<RunResult> list, ToDoubleFunction<RunResult> figure) {
        double[] values = list.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

}
