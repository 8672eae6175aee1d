package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.local.WindowTopics.WindowKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Event-time windows on a cluster (engine, two workers, Kafka channels): random out-of-order and late events from a
 * Kafka topic through keyed tumbling, sliding and session windows, compared with brute-force windows computed from
 * the whole input; watermarks across a hash shuffle with an idle partition (idleness lets the windows fire) and with
 * a slow partition (it holds the watermark back until it advances).
 */
class WindowClusterIT {

    private static ClusterFixture cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture(2, 4);
        cluster.awaitJson("/overview", o -> o.path("taskmanagers").asInt() == 2, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void randomOutOfOrderAndLateEventsGiveTheBruteForceWindows() throws Exception {
        String topic = "window-it-events";
        // Two partitions for two source subtasks: each reads one partition in order, so the disorder a watermark
        // sees is the generated one (a subtask reading several partitions may interleave them arbitrarily).
        WindowTopics.create(cluster.bootstrapServers(), topic, 2);
        Random random = new Random(2026);
        // Event time starts now: the sink stamps each result with its window's time, and the broker's retention
        // (7 days, first checked 30 s after start) deletes records stamped 1970 while the test still runs.
        long base = System.currentTimeMillis() / 60_000 * 60_000;
        int count = 20_000;
        List<String> keys = new ArrayList<>();
        List<Long> timestamps = new ArrayList<>();
        List<int[]> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add("k" + random.nextInt(10));
            long ts = base + i * 5L - random.nextInt(80);               // out of order within the 100 ms bound
            if (random.nextInt(20) == 0) {
                ts -= 500 + random.nextInt(1500);                // late, but within the allowed lateness of 5 s
            }
            timestamps.add(Math.max(base, ts));
            order.add(new int[] {random.nextInt(2), i});
        }
        WindowTopics.produce(cluster.bootstrapServers(), topic, order, keys, timestamps);

        String windowOptions = "\"key-by\": \"key\", \"allowed-lateness\": \"5s\", \"aggregate\": {\"function\": \"count\"}";
        String spec = """
                {"name": "window-it", "parallelism": 2, "operators": [
                  {"id": "events", "type": "kafka-source", "topic": "%s", "bounded": true,
                   "watermarks": {"timestamp": "ts", "out-of-orderness": "100ms"}},
                  {"id": "tumbling", "type": "window", "input": "events", %s,
                   "window": {"kind": "tumbling", "size": "1s"}},
                  {"id": "sliding", "type": "window", "input": "events", %s,
                   "window": {"kind": "sliding", "size": "3s", "slide": "1s"}},
                  {"id": "session", "type": "window", "input": "events", %s,
                   "window": {"kind": "session", "gap": "40ms"}},
                  {"id": "t-out", "type": "kafka-sink", "input": "tumbling", "topic": "window-it-tumbling", "key": "key"},
                  {"id": "s-out", "type": "kafka-sink", "input": "sliding", "topic": "window-it-sliding", "key": "key"},
                  {"id": "g-out", "type": "kafka-sink", "input": "session", "topic": "window-it-session", "key": "key"}
                ]}""".formatted(topic, windowOptions, windowOptions, windowOptions);
        String jobId = cluster.submit(spec);
        cluster.awaitJobState(jobId, "FINISHED", Duration.ofSeconds(300));

        // Nothing is later than the allowed lateness, so the last firing of every window counts all its elements.
        assertThat(WindowTopics.lastCounts(cluster.bootstrapServers(), "window-it-tumbling"))
                .isEqualTo(slidingReference(keys, timestamps, 1000, 1000));
        assertThat(WindowTopics.lastCounts(cluster.bootstrapServers(), "window-it-sliding"))
                .isEqualTo(slidingReference(keys, timestamps, 3000, 1000));
        // A session fired before a late element merged it into a bigger one stays in the output: every final
        // session must be there with its full count.
        Map<WindowKey, Long> sessions = WindowTopics.lastCounts(cluster.bootstrapServers(), "window-it-session");
        Map<WindowKey, Long> expectedSessions = sessionReference(keys, timestamps, 40);
        assertThat(sessions).containsAllEntriesOf(expectedSessions);
    }

    /** Brute force: every element counts in each window [start, start + size) with start a multiple of slide. */
    private static Map<WindowKey, Long> slidingReference(List<String> keys, List<Long> timestamps, long size,
            long slide) {
        Map<WindowKey, Long> expected = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            long ts = timestamps.get(i);
            for (long start = ts - ts % slide; start > ts - size; start -= slide) {
                expected.merge(new WindowKey(keys.get(i), start, start + size), 1L, Long::sum);
            }
        }
        return expected;
    }

    /**
     * Brute force: per key, sorted timestamps split where the next one is more than a gap after the previous (as in
     * Flink, a session [s, e) and an element at e touch and merge).
     */
    private static Map<WindowKey, Long> sessionReference(List<String> keys, List<Long> timestamps, long gap) {
        Map<String, List<Long>> byKey = new TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
            byKey.computeIfAbsent(keys.get(i), k -> new ArrayList<>()).add(timestamps.get(i));
        }
        Map<WindowKey, Long> expected = new HashMap<>();
        byKey.forEach((key, times) -> {
            times.sort(null);
            long start = times.get(0);
            long end = start + gap;
            long n = 0;
            for (long ts : times) {
                if (ts > end) {
                    expected.put(new WindowKey(key, start, end), n);
                    start = ts;
                    n = 0;
                }
                end = Math.max(end, ts + gap);
                n++;
            }
            expected.put(new WindowKey(key, start, end), n);
        });
        return expected;
    }

    @Test
    void anIdlePartitionDoesNotHoldTheWatermarkBackWithIdleness() throws Exception {
        String topic = "window-it-idle";
        WindowTopics.create(cluster.bootstrapServers(), topic, 2);
        String jobId = cluster.submit(watermarkJob("idle", topic, ", \"idleness\": \"1s\""));
        cluster.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(60));
        produceRange(topic, 0, 0, 5000);   // partition 1 (the other source subtask) stays empty

        // The watermark reaches 4989 (last timestamp 4990) over the active partition alone: windows up to
        // [3000, 4000) fire for every key.
        Map<WindowKey, Long> fired = await("window-it-idle-out", out -> out.keySet().stream()
                .filter(w -> w.end() <= 4000).count() == 4 * 4, Duration.ofSeconds(120));
        for (int key = 0; key < 4; key++) {
            for (long start = 0; start < 4000; start += 1000) {
                assertThat(fired).containsEntry(new WindowKey("k" + key, start, start + 1000), 25L);
            }
        }
        cancel(jobId);
    }

    @Test
    void aSlowPartitionHoldsTheWatermarkBackUntilItAdvances() throws Exception {
        String topic = "window-it-slow";
        WindowTopics.create(cluster.bootstrapServers(), topic, 2);
        String jobId = cluster.submit(watermarkJob("slow", topic, ""));
        cluster.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(60));
        produceRange(topic, 0, 0, 8000);
        produceRange(topic, 1, 0, 2000);

        // Watermark = min(7989, 1989): the first window fires for every key...
        Map<WindowKey, Long> fired = await("window-it-slow-out",
                out -> out.keySet().stream().filter(w -> w.end() <= 1000).count() == 4, Duration.ofSeconds(120));
        // ...and nothing after it, although partition 0 alone would let six more fire.
        Thread.sleep(2000);
        fired = WindowTopics.lastCounts(cluster.bootstrapServers(), "window-it-slow-out");
        assertThat(fired.keySet()).allMatch(w -> w.end() <= 1000);
        assertThat(fired).containsEntry(new WindowKey("k0", 0, 1000), 50L);

        produceRange(topic, 1, 2000, 8000);
        Map<WindowKey, Long> later = await("window-it-slow-out",
                out -> out.keySet().stream().filter(w -> w.end() <= 7000).count() == 4 * 7, Duration.ofSeconds(120));
        assertThat(later).containsEntry(new WindowKey("k3", 6000, 7000), 50L);
        cancel(jobId);
    }

    /** Events ts = from, from + 10, ... below to, keys k0..k3 in turn, into one partition. */
    private static void produceRange(String topic, int partition, long from, long to) {
        List<String> keys = new ArrayList<>();
        List<Long> timestamps = new ArrayList<>();
        List<int[]> order = new ArrayList<>();
        int i = 0;
        for (long ts = from; ts < to; ts += 10) {
            keys.add("k" + (ts / 10) % 4);
            timestamps.add(ts);
            order.add(new int[] {partition, i++});
        }
        WindowTopics.produce(cluster.bootstrapServers(), topic, order, keys, timestamps);
    }

    private static String watermarkJob(String name, String topic, String idleness) {
        return """
                {"name": "window-it-%s", "parallelism": 2, "operators": [
                  {"id": "events", "type": "kafka-source", "topic": "%s",
                   "watermarks": {"timestamp": "ts", "interval": "50ms"%s}},
                  {"id": "counts", "type": "window", "input": "events", "key-by": "key",
                   "window": {"kind": "tumbling", "size": "1s"}, "aggregate": {"function": "count"}},
                  {"id": "out", "type": "kafka-sink", "input": "counts", "topic": "%s-out", "key": "key"}
                ]}""".formatted(name, topic, idleness, topic);
    }

    private static Map<WindowKey, Long> await(String topic, Predicate<Map<WindowKey, Long>> condition,
            Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Map<WindowKey, Long> last = Map.of();
        while (Instant.now().isBefore(deadline)) {
            try {
                last = WindowTopics.lastCounts(cluster.bootstrapServers(), topic);
            } catch (RuntimeException notThereYet) {
                last = Map.of();
            }
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no progress on " + topic + " within " + timeout + "; last: " + last);
    }

    private static void cancel(String jobId) throws Exception {
        assertThat(cluster.send("PATCH", "/jobs/" + jobId + "?mode=cancel", null).statusCode()).isEqualTo(202);
        cluster.awaitJobState(jobId, "CANCELED", Duration.ofSeconds(60));
    }
}
