package io.sluice.bench.cluster;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./sluice bench [options]}: the end-to-end benchmark of docs/benchmarks.md. Prints progress, then the table of
 * medians and ratios (also written to {@code <dir>/results.md}).
 */
public final class BenchmarkMain {

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<LatencyResult> latencies = new ArrayList<>();
        List<RunResult> results;
        try (Benchmark benchmark = new Benchmark(options)) {
            results = benchmark.runAll(latencies);
        }
        String machine = "nproc %d, max heap of the harness %d MB, %s %s, %s".formatted(
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getName());
        String report = """
                Sluice end-to-end benchmark: %,d records, %,d keys, %d partitions, parallelism %d, %d runs each, \
                latency phase %d s at %,d records/s
                %s

                %s""".formatted(options.records(), options.keys(), options.partitions(), options.parallelism(),
                options.repetitions(), options.latencySeconds(), options.latencyRate(), machine,
                new Report(results, latencies).markdown());
        System.out.println();
        System.out.println(report);
        Files.writeString(options.dir().resolve("results.md"), report);
    }
}
