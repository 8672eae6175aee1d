package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Metrics end to end: workers measure, report to the engine, and the REST API and Prometheus show exact counts;
 * unknown ids get 404 problems.
 */
class MetricsClusterIT {

    private static ClusterFixture cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture(2, 4);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void perOperatorCountsOfAFinishedJobAreExact() throws Exception {
        long count = 12_345;
        String jobId = cluster.submit("""
                {"name": "counted", "parallelism": 2,
                 "operators": [
                  {"id": "numbers", "type": "generator", "kind": "sequence", "count": %d},
                  {"id": "thirds", "type": "filter", "input": "numbers", "condition": "value %% 3 == 0"},
                  {"id": "counts", "type": "count", "input": "thirds", "key-by": "value %% 7"},
                  {"id": "out", "type": "print", "input": "counts", "parallelism": 1}
                ]}""".formatted(count));
        cluster.awaitJobState(jobId, "FINISHED", Duration.ofSeconds(120));
        long thirds = (count + 2) / 3; // 0, 3, 6, ... below count
        // Tasks end at different times; the final numbers of each arrive with its worker's next report.
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("numbers write-records", count);
        expected.put("thirds read-records", count);
        expected.put("thirds write-records", thirds);
        expected.put("counts read-records", thirds);
        expected.put("counts write-records", thirds);
        expected.put("out read-records", thirds);
        JsonNode plan = cluster.awaitJson("/jobs/" + jobId + "/plan",
                p -> expected.equals(actual(p, expected.keySet())), Duration.ofSeconds(30));

        JsonNode node = node(plan, "counts");
        assertThat(node.path("inputs").get(0).path("ship_strategy").asText()).isEqualTo("HASH");
        JsonNode vertex = cluster.getJson("/jobs/" + jobId + "/vertices/" + node.path("id").asText());
        assertThat(vertex.path("subtasks")).hasSize(2);
        long perSubtask = 0;
        for (JsonNode subtask : vertex.path("subtasks")) {
            assertThat(subtask.path("taskmanager-id").asText()).startsWith("worker-");
            assertThat(subtask.path("metrics").path("read-bytes").asLong()).isPositive();
            perSubtask += subtask.path("metrics").path("read-records").asLong();
        }
        assertThat(perSubtask).isEqualTo(thirds);
        JsonNode watermarks = cluster.getJson("/jobs/" + jobId + "/vertices/" + node.path("id").asText() + "/watermarks");
        assertThat(watermarks).hasSize(2);
        assertThat(watermarks.get(0).path("id").asText()).endsWith(".currentInputWatermark");
        JsonNode backpressure = cluster.getJson(
                "/jobs/" + jobId + "/vertices/" + node.path("id").asText() + "/backpressure");
        assertThat(backpressure.path("subtasks")).hasSize(2);
        assertThat(backpressure.path("backpressure-level").asText()).isIn("ok", "low", "high");
    }

    @Test
    void engineAndWorkersExposePrometheusAndProbes() throws Exception {
        String jobId = cluster.submit("""
                {"name": "scraped", "parallelism": 1,
                 "checkpointing": {"interval": "500ms"},
                 "operators": [
                  {"id": "numbers", "type": "generator", "kind": "sequence", "rate": 200},
                  {"id": "counts", "type": "count", "input": "numbers", "key-by": "value % 3"},
                  {"id": "rare", "type": "filter", "input": "counts", "condition": "count % 500 == 0"},
                  {"id": "out", "type": "print", "input": "rare"}
                ]}""");
        cluster.awaitJobState(jobId, "RUNNING", Duration.ofSeconds(60));
        cluster.awaitJson("/jobs/" + jobId + "/checkpoints", c -> c.path("counts").path("completed").asLong() >= 1,
                Duration.ofSeconds(60));
        String engine = awaitScrape("sluice_job_checkpoints_completed{job=\"" + jobId + "\"",
                () -> List.of(cluster.restUrl()));
        assertThat(engine).contains("sluice_job_uptime_milliseconds{job=\"" + jobId + "\"");
        assertThat(engine).contains("jvm_memory_used_bytes");

        for (JsonNode tm : cluster.getJson("/taskmanagers").path("taskmanagers")) {
            assertThat(scrape("http://" + tm.path("path").asText())).contains("sluice_worker_slots");
            JsonNode details = cluster.getJson("/taskmanagers/" + tm.path("id").asText());
            assertThat(details.path("metrics").path("heapUsed").asLong()).isPositive();
        }
        // A task's gauges appear with its first metrics publication, which may come after the first checkpoint.
        String worker = awaitScrape("sluice_operator_records_out{", MetricsClusterIT::workerUrls);
        assertThat(worker).contains("sluice_task_busy_ratio{").contains("sluice_operator_watermark_input{");
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            assertThat(cluster.send("GET", probe, null).statusCode()).isEqualTo(200);
        }
        assertThat(cluster.send("PATCH", "/jobs/" + jobId + "?mode=cancel", null).statusCode()).isEqualTo(202);
        cluster.awaitJobState(jobId, "CANCELED", Duration.ofSeconds(30));
    }

    @Test
    void unknownIdsAreProblems() throws Exception {
        for (String path : new String[] {"/jobs/0123456789abcdef0123456789abcdef/plan",
                "/jobs/nonsense/vertices/abc", "/taskmanagers/no-such-worker"}) {
            HttpResponse<String> response = cluster.send("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        }
    }

    private static JsonNode node(JsonNode plan, String description) {
        for (JsonNode node : plan.path("plan").path("nodes")) {
            if (node.path("description").asText().equals(description)) {
                return node;
            }
        }
        throw new AssertionError("no node " + description + " in " + plan);
    }

    /** The metric of each "vertex metric" name, as the plan shows them. */
    private static Map<String, Long> actual(JsonNode plan, Set<String> names) {
        Map<String, Long> actual = new LinkedHashMap<>();
        for (String name : names) {
            String[] vertexAndMetric = name.split(" ");
            actual.put(name, records(plan, vertexAndMetric[0], vertexAndMetric[1]));
        }
        return actual;
    }

    private static long records(JsonNode plan, String vertex, String metric) {
        return node(plan, vertex).path("metrics").path(metric).asLong();
    }

    /** Scrapes the bases (asked anew each round) until one shows {@code expected}, and returns that scrape. */
    private static String awaitScrape(String expected, Callable<List<String>> bases) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (String base : bases.call()) {
                String text = scrape(base);
                if (text.contains(expected)) {
                    return text;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + expected + " in any /actuator/prometheus");
    }

    private static List<String> workerUrls() throws Exception {
        List<String> urls = new ArrayList<>();
        for (JsonNode tm : cluster.getJson("/taskmanagers").path("taskmanagers")) {
            urls.add("http://" + tm.path("path").asText());
        }
        return urls;
    }

    private static String scrape(String base) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
