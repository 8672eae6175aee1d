package io.sluice.bench.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of {@code ./sluice bench}; every one has a default that is the full benchmark of issue 5.
 *
 * @param eventRate records per second of event time: sets how many windows the input spans
 * @param partitions of the input and output topics; keep it equal to the parallelism: Sluice's kafka-source has one
 *     watermark per subtask (Flink's has one per partition), so a subtask reading several partitions of preloaded
 *     input sees all but the first as late
 * @param epoch event time of the first record (recent; the rest of the input is the same whatever it is)
 * @param latencySeconds length of each scenario's live-input latency phase; 0 skips latency
 * @param latencyRate input records per second during the latency phase
 * @param sourceRate caps the Sluice sources' reading of the preloaded input (records per second over all subtasks,
 *     0: as fast as they can). Below the job's capacity, runs with and without checkpoints process the same records
 *     at the same pace, and checkpoints complete as in steady operation: CPU per record then shows what
 *     checkpointing costs. Uncapped, a source reads far ahead of its downstream and a barrier waits behind that
 *     backlog, so few checkpoints complete before a bounded input ends.
 */
record BenchOptions(long records, int keys, int partitions, int parallelism, int repetitions, long eventRate,
        int latencySeconds, int latencyRate, long sourceRate, List<Scenario> scenarios, String workerHeap, Path root,
        Path dir, long seed, long epoch) {

    static final String USAGE = """
            usage: ./sluice bench [--records 5000000] [--keys 100000] [--partitions 2] [--parallelism 2]
                                  [--repetitions 3] [--event-rate 50000] [--latency-seconds 40] [--latency-rate 5000]
                                  [--source-rate 0] [--scenarios ceiling,map-filter,...|all] [--worker-heap 512m]
                                  [--dir DIR (its broker data is replaced)] [--seed 42]
            scenarios: """ + String.join(", ", Arrays.stream(Scenario.values()).map(BenchOptions::option).toList());

    static String option(Scenario scenario) {
        return scenario.name().toLowerCase().replace('_', '-');
    }

    long eventSpanMillis() {
        return Math.max(1, records * 1000 / eventRate);
    }

    Workload workload() {
        return new Workload(records, keys, partitions, eventSpanMillis(), seed, epoch);
    }

    static BenchOptions parse(String... args) throws java.io.IOException {
        long records = 5_000_000;
        int keys = 100_000;
        int partitions = 2;
        int parallelism = 2;
        int repetitions = 3;
        long eventRate = 50_000;
        int latencySeconds = 40;
        int latencyRate = 5_000;
        long sourceRate = 0;
        List<Scenario> scenarios = List.of(Scenario.values());
        String workerHeap = "512m";
        Path dir = null;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--records" -> records = Long.parseLong(value);
                case "--keys" -> keys = Integer.parseInt(value);
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--parallelism" -> parallelism = Integer.parseInt(value);
                case "--repetitions" -> repetitions = Integer.parseInt(value);
                case "--event-rate" -> eventRate = Long.parseLong(value);
                case "--latency-seconds" -> latencySeconds = Integer.parseInt(value);
                case "--latency-rate" -> latencyRate = Integer.parseInt(value);
                case "--source-rate" -> sourceRate = Long.parseLong(value);
                case "--scenarios" -> scenarios = scenarios(value);
                case "--worker-heap" -> workerHeap = value;
                case "--dir" -> dir = Path.of(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1] + "\n" + USAGE);
            }
        }
        Path root = Files.isDirectory(Path.of("engine-service")) ? Path.of("") : Path.of("..");
        if (dir == null) {
            dir = Files.createTempDirectory("sluice-bench");
        }
        long span = Math.max(1, records * 1000 / eventRate);
        return new BenchOptions(records, keys, partitions, parallelism, repetitions, eventRate, latencySeconds,
                latencyRate, sourceRate, scenarios, workerHeap, root.toAbsolutePath().normalize(), dir, seed,
                Workload.recentEpoch(span));
    }

    private static List<Scenario> scenarios(String list) {
        if (list.equals("all")) {
            return List.of(Scenario.values());
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : list.split(",")) {
            chosen.add(Arrays.stream(Scenario.values()).filter(s -> option(s).equals(name.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + name + "\n" + USAGE)));
        }
        return chosen;
    }
}
