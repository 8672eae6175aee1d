package io.sluice.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One chaos run, the harness both chaos tests share. A keyed job reads a bounded input topic and keeps, per key, a
 * running count and a running sum of the records' values, and writes every update to a Kafka sink. While it runs,
 * workers are killed with SIGKILL (and replaced) three times and the engine once (kill -9, then started again),
 * each once the sink topic grew by a seeded random number of records since the previous event (committed records
 * for the exactly-once sink), so events follow the job's progress, not the clock. A worker kill counts only once
 * the engine reported the worker lost, which it does only for a job still running: a kill after the end fails. At the end the sink topic is read read_committed and compared, key by key, with the updates computed
 * here from the input: each key's records sit in one input partition, so its updates are exactly the prefix counts
 * and sums in input order, and a lost or doubled record shows as a missing or repeated update or a wrong sum.
 */
final class ChaosRun {

    static final int RECORDS = 200_000;
    static final int KEYS = 200;
    static final int PARTITIONS = 4;
    static final int PARALLELISM = 2;
    static final int SLOTS = 2;
    static final int WORKERS = 3;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Records per second the source reads. It must not run far ahead of the job: a finished source ends the
     * checkpoints, and the exactly-once output would then appear only at the end of the input, after the events.
     */
    static final int RATE = 2_000;

    enum Guarantee { EXACTLY_ONCE, AT_LEAST_ONCE }

    private enum Action { KILL_WORKER, RESTART_ENGINE }

    /**
     * @param mismatches keys whose updates differ from the independent computation, described; empty when exact
     * @param events what the chaos did, at which progress
     */
    record Result(List<String> mismatches, List<String> events, int workerLosses, Duration duration) {}

    private final ProcessCluster cluster;
    private final Guarantee guarantee;
    private final Random random;
    private final String input;
    private final String output;
    private final List<String> events = new ArrayList<>();

    ChaosRun(ProcessCluster cluster, Guarantee guarantee, long seed) {
        this.cluster = cluster;
        this.guarantee = guarantee;
        this.random = new Random(seed);
        String name = guarantee.name().toLowerCase().replace('_', '-');
        this.input = "chaos-in-" + name;
        this.output = "chaos-out-" + name;
    }

    Result run() throws Exception {
        Instant start = Instant.now();
        for (int i = 0; i < WORKERS; i++) {
            cluster.startWorker(SLOTS);
        }
        cluster.awaitWorkers(WORKERS);
        createTopics();
        Map<Long, List<String>> expected = produceInput();
        String jobId = cluster.rest().submit(spec());

        List<Action> plan = new ArrayList<>(List.of(Action.KILL_WORKER, Action.KILL_WORKER, Action.KILL_WORKER,
                Action.RESTART_ENGINE));
        Collections.shuffle(plan, random);
        long progress = 0;
        for (Action action : plan) {
            // 2 % to 6 % more output than at the previous event: soon after each restart, while sources still run.
            progress = awaitProgress(jobId, progress + (long) (RECORDS * (0.02 + 0.04 * random.nextDouble())));
            act(action, jobId, progress);
        }
        cluster.rest().awaitJobState(jobId, "FINISHED", STEP_TIMEOUT);
        return new Result(compare(expected, readOutput()), List.copyOf(events), workerLosses(jobId),
                Duration.between(start, Instant.now()));
    }

    /** Failures of the job that were lost workers (the exception history survives engine restarts). */
    private int workerLosses(String jobId) throws Exception {
        int losses = 0;
        for (JsonNode entry : cluster.rest().getJson("/jobs/" + jobId + "/exceptions").path("all-exceptions")) {
            if (entry.path("exception").asText().contains("lost")) {
                losses++;
            }
        }
        return losses;
    }

    private void act(Action action, String jobId, long progress) throws Exception {
        if (action == Action.KILL_WORKER) {
            List<String> busy = cluster.busyWorkers();
            if (busy.isEmpty()) {
                throw new AssertionError("no worker holds tasks of running job " + jobId);
            }
            String victim = busy.get(random.nextInt(busy.size()));
            int lossesBefore = workerLosses(jobId);
            cluster.killWorker(cluster.worker(victim));
            cluster.startWorker(SLOTS);
            events.add("kill -9 " + victim + " at " + progress + " records out");
            awaitCondition(() -> workerLosses(jobId) > lossesBefore,
                    "the engine to see " + victim + " lost (it does not for a job that already ended)");
            // Full capacity again before the next event: the restart need not wait for a slow replacement.
            cluster.awaitWorkers(WORKERS);
        } else {
            cluster.killEngine();
            cluster.startEngine();
            events.add("kill -9 engine at " + progress + " records out, started again");
        }
    }

    /**
     * Waits until the job runs and its sink topic holds at least {@code records} records (read_committed for the
     * exactly-once sink: what checkpoints committed).
     */
    private long awaitProgress(String jobId, long records) throws Exception {
        Instant deadline = Instant.now().plus(STEP_TIMEOUT);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, output);
            while (Instant.now().isBefore(deadline)) {
                String state = jobState(jobId);
                if (Set.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
                    throw new AssertionError("job " + jobId + " is " + state + " before the chaos was over: "
                            + events);
                }
                long written = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                if ("RUNNING".equals(state) && written >= records) {
                    if (guarantee == Guarantee.EXACTLY_ONCE && written >= RECORDS) {
                        throw new AssertionError("all output was committed before the chaos was over: " + events);
                    }
                    return written;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the job did not get to " + records + " records out within " + STEP_TIMEOUT);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitCondition(Check check, String what) throws Exception {
        Instant deadline = Instant.now().plus(STEP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** The job's state, or "" while the engine does not answer (it is being restarted). */
    private String jobState(String jobId) {
        try {
            return cluster.rest().getJson("/jobs/" + jobId).path("state").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private String spec() {
        boolean exactlyOnce = guarantee == Guarantee.EXACTLY_ONCE;
        return """
                {"name": "chaos-%s", "parallelism": %d,
                 %s
                 "restart-strategy": {"type": "fixed-delay", "attempts": 20, "delay": "500ms"},
                 "operators": [
                  {"id": "in", "type": "kafka-source", "topic": "%s", "bounded": true, "rate": %d},
                  {"id": "one", "type": "map", "input": "in", "fields": {"k": "k", "count": "1", "sum": "v"}},
                  {"id": "totals", "type": "reduce", "input": "one", "key-by": "k",
                   "fields": {"k": "k", "count": "#acc.count + count", "sum": "#acc.sum + sum"}},
                  {"id": "out", "type": "kafka-sink", "input": "totals", "topic": "%s", "key": "k",
                   "guarantee": "%s"}
                ]}""".formatted(guarantee.name().toLowerCase(), PARALLELISM,
                exactlyOnce ? "\"checkpointing\": {\"interval\": \"1s\", \"mode\": \"exactly-once\"}," : "",
                input, RATE, output, exactlyOnce ? "exactly-once" : "at-least-once");
    }

    private void createTopics() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(input, PARTITIONS, (short) 1),
                    new NewTopic(output, PARTITIONS, (short) 1))).all().get();
        }
    }

    /**
     * Writes the input, key k into partition k mod 4, and returns what each key's updates must be: "count:sum" for
     * every prefix of its records, in input order.
     */
    private Map<Long, List<String>> produceInput() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        Map<Long, List<String>> expected = new HashMap<>();
        Map<Long, long[]> running = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < RECORDS; i++) {
                long key = random.nextInt(KEYS);
                long value = 1 + random.nextInt(1000);
                producer.send(new ProducerRecord<>(input, (int) (key % PARTITIONS), Long.toString(key),
                        "{\"k\":" + key + ",\"v\":" + value + "}"));
                long[] totals = running.computeIfAbsent(key, k -> new long[2]);
                totals[0]++;
                totals[1] += value;
                expected.computeIfAbsent(key, k -> new ArrayList<>()).add(totals[0] + ":" + totals[1]);
            }
            producer.flush();
        }
        return expected;
    }

    /** Each key's updates as the sink wrote them: one output partition per key, in order. */
    private Map<Long, List<String>> readOutput() {
        Map<Long, List<String>> updates = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, output);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode row = JSON.readTree(record.value());
                    updates.computeIfAbsent(row.path("k").asLong(), k -> new ArrayList<>())
                            .add(row.path("count").asLong() + ":" + row.path("sum").asLong());
                }
            }
        }
        return updates;
    }

    /** One line per key whose updates differ, saying how. */
    private static List<String> compare(Map<Long, List<String>> expected, Map<Long, List<String>> actual) {
        List<String> mismatches = new ArrayList<>();
        for (long key = 0; key < KEYS; key++) {
            List<String> want = expected.getOrDefault(key, List.of());
            List<String> got = actual.getOrDefault(key, List.of());
            if (!want.equals(got)) {
                int common = 0;
                while (common < Math.min(want.size(), got.size()) && want.get(common).equals(got.get(common))) {
                    common++;
                }
                mismatches.add("key " + key + ": expected " + want.size() + " updates ending "
                        + (want.isEmpty() ? "-" : want.get(want.size() - 1)) + ", got " + got.size()
                        + "; first difference at update " + (common + 1) + ": expected "
                        + (common < want.size() ? want.get(common) : "nothing") + ", got "
                        + (common < got.size() ? got.get(common) : "nothing"));
            }
        }
        actual.keySet().stream().filter(k -> !expected.containsKey(k))
                .forEach(k -> mismatches.add("key " + k + ": not in the input, got " + actual.get(k).size()));
        return mismatches;
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                guarantee == Guarantee.EXACTLY_ONCE ? "read_committed" : "read_uncommitted");
        return new KafkaConsumer<>(props);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }
}
