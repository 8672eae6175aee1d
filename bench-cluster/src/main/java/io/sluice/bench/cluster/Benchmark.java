package io.sluice.bench.cluster;

import io.sluice.local.LocalKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

/**
 * One benchmark run (issue 5): starts a broker, preloads the input, starts the Sluice cluster, then runs every chosen
 * scenario {@code repetitions} times on the same input (and once more with live input for latency), checking each run
 * produced exactly the expected number of results.
 */
final class Benchmark implements AutoCloseable {

    static final String INPUT = "bench-input";
    static final String SENTINELS = "bench-sentinels";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
    /** How long results may still arrive after the job ended (the sink's last commit is visible by then). */
    private static final Duration TERMINAL_GRACE = Duration.ofSeconds(15);

    private final BenchOptions options;
    private final LocalKafkaBroker broker;
    private final ExpectedResults expected;
    private SluiceCluster cluster;

    Benchmark(BenchOptions options) throws IOException {
        this.options = options;
        Files.createDirectories(options.dir());
        log("working directory " + options.dir());
        Path brokerData = options.dir().resolve("kafka");
        deleteTree(brokerData); // a --dir used before: its topics would collide with this run's
        broker = LocalKafkaBroker.start(brokerData, 0, 0);
        log("broker on " + broker.bootstrapServers() + "; preloading " + options.records() + " records");
        long start = System.nanoTime();
        createTopic(INPUT);
        createTopic(SENTINELS);
        preload();
        log("preloaded in %.1f s; computing expected results".formatted((System.nanoTime() - start) / 1e9));
        expected = new ExpectedResults(options.workload());
    }

    /**
     * Runs every scenario: first one uncounted run of each Sluice scenario, then rounds of one run of each scenario,
     * then the latency phases. Results in the order run. The rounds interleave the scenarios so that the workers'
     * JIT warm-up, which goes on for several runs, favours none of them: run scenario by scenario, the later
     * scenarios were measured on warmer workers (session 7 saw a scenario's third run 1.3-1.9x its first).
     */
    List<RunResult> runAll(List<LatencyResult> latencies) throws Exception {
        for (Scenario scenario : options.scenarios()) {
            warmUp(scenario);
        }
        List<RunResult> results = new ArrayList<>();
        for (int rep = 1; rep <= options.repetitions(); rep++) {
            for (Scenario scenario : options.scenarios()) {
                RunResult result = run(scenario, rep);
                log("%-48s run %d: %,.0f records/s, %.1f s, %,d results, CPU %.1f s/M, GC %.1f%%, heap %d MB"
                        .formatted(scenario.label, rep, result.recordsPerSecond(), result.seconds(), result.results(),
                                result.cpuSecondsPerMillion(), result.resources().gcShare() * 100,
                                result.resources().peakHeap() >> 20));
                results.add(result);
            }
        }
        if (options.latencySeconds() > 0) {
            for (Scenario scenario : options.scenarios()) {
                LatencyResult latency = latency(scenario);
                log("%-48s latency: p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d results".formatted(scenario.label,
                        latency.p50(), latency.p99(), latency.max(), latency.samples()));
                latencies.add(latency);
            }
        }
        return results;
    }

    /**
     * One uncounted run of a Sluice scenario before the counted ones: a job's first run on the workers pays the JIT
     * warm-up of its code path (window firing, sinks) and its first state maps, which made the first counted run of
     * a scenario up to 2x slower than the next (session 3 warmed up only the first scenario; session 4 found the
     * window scenarios after it still cold). The child JVMs (ceiling, Kafka Streams) start afresh for every run.
     */
    private void warmUp(Scenario scenario) throws Exception {
        if (scenario.kind == Scenario.Kind.SLUICE && options.repetitions() > 0) {
            RunResult result = run(scenario, 0);
            log("%-48s warm-up run (not counted): %,.0f records/s".formatted(scenario.label,
                    result.recordsPerSecond()));
        }
    }

    RunResult run(Scenario scenario, int rep) throws Exception {
        String output = "bench-out-" + BenchOptions.option(scenario) + "-" + rep;
        createTopic(output);
        long expectedResults = scenario.expectedResults(expected, options.records());
        try (SinkWatcher watcher = new SinkWatcher(broker.bootstrapServers(), output, options.partitions(),
                LatencyRecorder.off())) {
            return switch (scenario.kind) {
                case SLUICE -> runSluice(scenario, rep, output, watcher, expectedResults);
                case CEILING, STREAMS -> runChild(scenario, rep, output, watcher, expectedResults);
            };
        }
    }

    private RunResult runSluice(Scenario scenario, int rep, String output, SinkWatcher watcher, long expectedResults)
            throws Exception {
        SluiceCluster sluice = cluster();
        String jobId = sluice.submit(scenario.sluiceSpec(INPUT, output, options.parallelism(), true, options.sourceRate()));
        // The engine lists every state in timestamps, with 0 for those not reached.
        JsonNode running = sluice.await("/jobs/" + jobId, j -> j.path("timestamps").path("RUNNING").asLong() > 0
                || j.path("state").asString().equals("FAILED"), Duration.ofMinutes(5));
        long firstRead = running.path("timestamps").path("RUNNING").asLong();
        ResourceSampler sampler = new ResourceSampler(sluice.processes(), sluice.workerDirs());
        sampler.start();
        long end;
        try {
            end = watcher.awaitCount(expectedResults, RUN_TIMEOUT, sluice.jobLive(jobId, TERMINAL_GRACE));
        } catch (TimeoutException e) {
            sampler.stop();
            throw new IllegalStateException(scenario.label + " run " + rep + ": " + e.getMessage() + "; job "
                    + sluice.job(jobId).path("state").asString(), e);
        }
        ResourceSampler.Resources resources = sampler.stop();
        JsonNode done = sluice.awaitTerminal(jobId, Duration.ofMinutes(5));
        if (!done.path("state").asString().equals("FINISHED")) {
            throw new IllegalStateException(scenario.label + " run " + rep + " ended " + done.path("state"));
        }
        // The checkpoint history (durations, sizes) explains the exactly-once figures: kept next to the logs.
        Files.writeString(options.dir().resolve(BenchOptions.option(scenario) + "-" + rep + "-checkpoints.json"),
                sluice.checkpoints(jobId).toPrettyString());
        long results = watcher.drain(Duration.ofSeconds(1));
        long expectedCounted = scenario.expectedCounted(expected, options.records());
        if (expectedCounted >= 0 && watcher.counted() != expectedCounted) {
            throw new IllegalStateException(("%s run %d: its results' counts add up to %,d, not %,d: records were lost, "
                    + "dropped as late or counted twice").formatted(scenario.label, rep, watcher.counted(), expectedCounted));
        }
        return new RunResult(scenario, rep, options.records(), results, (end - firstRead) / 1000.0, resources);
    }

    private RunResult runChild(Scenario scenario, int rep, String output, SinkWatcher watcher, long expectedResults)
            throws Exception {
        Path log = options.dir().resolve(BenchOptions.option(scenario) + "-" + rep + ".log");
        try (JvmProcess child = startChild(scenario, Integer.toString(rep), INPUT, output, log, true)) {
            long firstRead = awaitFirstRead(child, log);
            ResourceSampler sampler = new ResourceSampler(List.of(child), List.of());
            sampler.start();
            long end;
            try {
                end = watcher.awaitCount(expectedResults, RUN_TIMEOUT, child::isAlive);
            } catch (TimeoutException e) {
                sampler.stop();
                throw new IllegalStateException(scenario.label + " run " + rep + ": " + e.getMessage(), e);
            }
            ResourceSampler.Resources resources = sampler.stop();
            long results = watcher.drain(Duration.ofSeconds(1));
            return new RunResult(scenario, rep, options.records(), results, (end - firstRead) / 1000.0, resources);
        }
    }

    /** The ceiling pipe or the Kafka Streams app in a JVM of its own, on this JVM's classpath. */
    private JvmProcess startChild(Scenario scenario, String run, String input, String output, Path log,
            boolean bounded) throws IOException {
        String classpath = System.getProperty("java.class.path");
        List<String> main = scenario.kind == Scenario.Kind.CEILING
                ? List.of("-cp", classpath, CeilingPipe.class.getName(), broker.bootstrapServers(), input, output,
                        Integer.toString(options.parallelism()), bounded ? "bounded" : "unbounded")
                : List.of("-cp", classpath, StreamsWindowCount.class.getName(), broker.bootstrapServers(), input,
                        SENTINELS, output, scenario.streamsGuarantee(), "bench-" + BenchOptions.option(scenario) + "-" + run,
                        Integer.toString(options.parallelism()), Long.toString(Scenario.WINDOW));
        return JvmProcess.start("bench-" + BenchOptions.option(scenario), List.of("-Xmx512m"), main, log);
    }

    /** The wall-clock millis a child printed as {@code first-read <millis>}. */
    private static long awaitFirstRead(JvmProcess child, Path log) throws IOException {
        return awaitLine(child, log, "first-read ");
    }

    /** The wall-clock millis a child printed as {@code <marker><millis>}. */
    private static long awaitLine(JvmProcess child, Path log, String marker) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith(marker)) {
                        return Long.parseLong(line.substring(marker.length()).trim());
                    }
                }
            }
            if (!child.isAlive()) {
                throw new IllegalStateException(child.name() + " ended before reading; see " + log);
            }
            SluiceCluster.sleep(50);
        }
        throw new IllegalStateException(child.name() + " did not start reading; see " + log);
    }

    /**
     * The latency phase: the scenario reads a fresh topic while records are created live at a fixed rate with their
     * creation time as event time, and every result's visibility is timed ({@link LatencyRecorder}).
     */
    LatencyResult latency(Scenario scenario) throws Exception {
        String input = "bench-live-in-" + BenchOptions.option(scenario);
        String output = "bench-live-out-" + BenchOptions.option(scenario);
        createTopic(input);
        createTopic(output);
        Path log = options.dir().resolve(BenchOptions.option(scenario) + "-live.log");
        String jobId = null;
        JvmProcess child = null;
        try {
            if (scenario.kind == Scenario.Kind.SLUICE) {
                jobId = cluster().submit(scenario.sluiceSpec(input, output, options.parallelism(), false, 0));
                String id = jobId;
                cluster().await("/jobs/" + id, j -> j.path("state").asString().equals("RUNNING"), Duration.ofMinutes(5));
            } else {
                child = startChild(scenario, "live", input, output, log, false);
                // Kafka Streams says first-read once running; the ceiling says assigned before any input exists.
                awaitLine(child, log, scenario.kind == Scenario.Kind.STREAMS ? "first-read " : "assigned ");
            }
            long warmUp = System.currentTimeMillis() + 3000;
            LatencyRecorder recorder = new LatencyRecorder(warmUp);
            try (SinkWatcher watcher = new SinkWatcher(broker.bootstrapServers(), output, options.partitions(),
                    recorder)) {
                Thread producer = new Thread(() -> produceLive(input), "live-input");
                producer.start();
                long stop = System.currentTimeMillis() + options.latencySeconds() * 1000L + 5000;
                while (System.currentTimeMillis() < stop) {
                    try {
                        watcher.awaitCount(Long.MAX_VALUE, Duration.ofMillis(stop - System.currentTimeMillis()),
                                () -> true);
                    } catch (TimeoutException expectedEnd) {
                        // the phase is over
                    }
                }
                producer.join();
            }
            return LatencyResult.of(scenario, recorder);
        } finally {
            if (jobId != null) {
                Files.writeString(options.dir().resolve(BenchOptions.option(scenario) + "-live-checkpoints.json"),
                        cluster().checkpoints(jobId).toPrettyString());
                cluster().cancel(jobId);
                cluster().awaitTerminal(jobId, Duration.ofMinutes(2));
            }
            if (child != null) {
                child.close();
            }
        }
    }

    /** Creates records at the latency rate for the latency phase, stamped with their creation time. */
    private void produceLive(String topic) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(options.seed());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(1))) {
            long start = System.currentTimeMillis();
            long sent = 0;
            long total = (long) options.latencyRate() * options.latencySeconds();
            while (sent < total) {
                long due = (System.currentTimeMillis() - start) * options.latencyRate() / 1000;
                for (; sent < Math.min(due, total); sent++) {
                    long now = System.currentTimeMillis();
                    String key = "k" + random.nextInt(options.keys());
                    producer.send(new ProducerRecord<>(topic, null, now, key,
                            "{\"key\":\"" + key + "\",\"ts\":" + now + ",\"v\":" + random.nextInt(1000) + "}"));
                }
                SluiceCluster.sleep(5);
            }
        }
    }

    private void preload() {
        Workload.Cursor cursor = options.workload().cursor();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(50))) {
            while (cursor.next()) {
                producer.send(new ProducerRecord<>(INPUT, null, cursor.timestamp(), cursor.key(), cursor.json()));
            }
            // Kafka Streams closes its last windows only when stream time passes them: one later record per
            // partition of a topic it reads alongside the input (a minute on: past every window and grace).
            long future = options.epoch() + options.eventSpanMillis() + TimeUnit.MINUTES.toMillis(1);
            for (int p = 0; p < options.partitions(); p++) {
                String key = "sentinel-" + p;
                producer.send(new ProducerRecord<>(SENTINELS, p, future, key,
                        "{\"key\":\"" + key + "\",\"ts\":" + future + ",\"v\":0}"));
            }
        }
    }

    private Map<String, Object> producerConfig(int lingerMillis) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMillis);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private void createTopic(String topic) throws IOException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(Set.of(new NewTopic(topic, Optional.of(options.partitions()), Optional.empty())))
                    .all().get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IOException("could not create topic " + topic, e);
        }
    }

    private SluiceCluster cluster() throws IOException {
        if (cluster == null) {
            log("starting the engine and 2 workers");
            cluster = new SluiceCluster(options.root(), options.dir(), broker.bootstrapServers(), 2,
                    Math.max(4, options.parallelism() * 2), options.workerHeap());
        }
        return cluster;
    }

    static void log(String message) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
    }

    @Override
    public void close() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            broker.close();
        }
    }
}
