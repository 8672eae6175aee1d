package io.sluice.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.runtime.testing.TestJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jar jobs on a real cluster (broker, engine and two workers), as a user submits them over REST: the quickstart
 * jar is uploaded, listed, planned, run and deleted, and its Kafka output is exactly what its logic gives; two jars
 * bundling different versions of the same library class run side by side, each seeing its own.
 */
class JarJobClusterIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ClusterFixture cluster;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;

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
    void quickstartJarUploadedListedPlannedRunAndDeletedWritesExactlyWhatItsLogicGives() throws Exception {
        Path jar = QuickstartJar.build(dir.resolve("quickstart"));
        String id = upload(jar);

        JsonNode listed = cluster.getJson("/jars");
        JsonNode file = find(listed.path("files"), id);
        assertThat(file.path("name").asText()).isEqualTo("app.jar");
        assertThat(file.path("entry").get(0).path("name").asText()).isEqualTo(QuickstartJar.MAIN_CLASS);

        String topic = "jar-sessions-" + UUID.randomUUID();
        long clicks = 7_000;
        JsonNode plan = cluster.getJson("/jars/" + id + "/plan?program-arg=" + topic + "," + clicks);
        assertThat(plan.path("plan").path("name").asText()).isEqualTo("click-sessions");
        List<String> names = new ArrayList<>();
        plan.path("plan").path("nodes").forEach(n -> names.add(n.path("name").asText()));
        assertThat(names).contains("user-sessions", "clicks-per-window");

        HttpResponse<String> run = cluster.send("POST", "/jars/" + id + "/run",
                JSON.writeValueAsString(Map.of("programArgsList", List.of(topic, String.valueOf(clicks)),
                        "parallelism", 2)));
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        String jobId = JSON.readTree(run.body()).path("jobid").asText();
        cluster.awaitJobState(jobId, "FINISHED", Duration.ofMinutes(3));

        assertThat(readValues(topic)).containsExactlyInAnyOrderElementsOf(expectedLines(clicks));

        assertThat(cluster.send("DELETE", "/jars/" + id, null).statusCode()).isEqualTo(200);
        assertThat(cluster.getJson("/jars").path("files").findValuesAsString("id")).doesNotContain(id);
    }

    @Test
    void jarsBundlingDifferentVersionsOfALibraryClassRunSideBySide() throws Exception {
        String topicV1 = "jar-greet-v1-" + UUID.randomUUID();
        String topicV2 = "jar-greet-v2-" + UUID.randomUUID();
        String v1 = upload(greetingJar("greet-v1.jar", "hello from v1"));
        String v2 = upload(greetingJar("greet-v2.jar", "hello from v2"));

        String job1 = runJar(v1, topicV1);
        String job2 = runJar(v2, topicV2);
        cluster.awaitJobState(job1, "RUNNING", Duration.ofMinutes(2));
        cluster.awaitJobState(job2, "RUNNING", Duration.ofMinutes(2));
        awaitRecords(topicV1, 20);
        awaitRecords(topicV2, 20);
        // unbounded jobs: both are still running, so they ran side by side
        assertThat(cluster.getJson("/jobs/" + job1).path("state").asText()).isEqualTo("RUNNING");
        assertThat(cluster.getJson("/jobs/" + job2).path("state").asText()).isEqualTo("RUNNING");

        assertThat(readValues(topicV1)).hasSizeGreaterThanOrEqualTo(20).containsOnly("hello from v1");
        assertThat(readValues(topicV2)).hasSizeGreaterThanOrEqualTo(20).containsOnly("hello from v2");
        cluster.send("PATCH", "/jobs/" + job1 + "?mode=cancel", null);
        cluster.send("PATCH", "/jobs/" + job2 + "?mode=cancel", null);
        cluster.awaitJobState(job1, "CANCELED", Duration.ofMinutes(2));
        cluster.awaitJobState(job2, "CANCELED", Duration.ofMinutes(2));
    }

    /**
     * Independently of the job's operators, from its clicks (click n: user {@code SplittableRandom(n).nextInt(5)} at
     * n * 100 ms): each user's clicks in time order, a new session after a pause of more than 1 s, and clicks per
     * user and 10 s window.
     */
    private static List<String> expectedLines(long clicks) {
        Map<String, List<Long>> clickTimes = new TreeMap<>();
        for (long n = 0; n < clicks; n++) {
            clickTimes.computeIfAbsent("user-" + new SplittableRandom(n).nextInt(5), u -> new ArrayList<>()).add(n * 100);
        }
        List<String> lines = new ArrayList<>();
        clickTimes.forEach((user, times) -> {
            long start = times.get(0);
            long count = 0;
            long previous = start;
            for (long time : times) {
                if (time - previous > 1_000) {
                    lines.add(user + " session start=" + start + " end=" + previous + " clicks=" + count);
                    start = time;
                    count = 0;
                }
                count++;
                previous = time;
            }
            lines.add(user + " session start=" + start + " end=" + previous + " clicks=" + count);

            Map<Long, Long> perWindow = new TreeMap<>();
            times.forEach(time -> perWindow.merge((time / 10_000 + 1) * 10_000, 1L, Long::sum));
            perWindow.forEach((end, n) -> lines.add(user + " window-end=" + end + " clicks=" + n));
        });
        return lines;
    }

    private static Path greetingJar(String name, String greeting) {
        String job = """
                package greet;
                import io.sluice.api.StreamEnvironment;
                public class GreetJob {
                    public static void main(String[] args) throws Exception {
                        StreamEnvironment env = StreamEnvironment.create();
                        env.generateSequence(-1).map(n -> lib.Greeting.text()).sinkToKafka(args[0]);
                        env.execute("greet");
                    }
                }
                """;
        String library = "package lib; public class Greeting { public static String text() { return \"" + greeting
                + "\"; } }";
        return TestJars.build(dir, name, Map.of("greet.GreetJob", job, "lib.Greeting", library), "greet.GreetJob");
    }

    private static String runJar(String jarId, String topic) throws Exception {
        HttpResponse<String> run = cluster.send("POST", "/jars/" + jarId + "/run",
                JSON.writeValueAsString(Map.of("programArgs", topic)));
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        return JSON.readTree(run.body()).path("jobid").asText();
    }

    /** {@code POST /jars/upload} with the jar in the multipart field {@code jarfile}, as curl -F would send it. */
    private static String upload(Path jar) throws IOException, InterruptedException {
        String boundary = "sluice-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/jars/upload"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode uploaded = JSON.readTree(response.body());
        assertThat(uploaded.path("status").asText()).isEqualTo("success");
        return uploaded.path("id").asText();
    }

    private static JsonNode find(JsonNode files, String id) {
        for (JsonNode file : files) {
            if (file.path("id").asText().equals(id)) {
                return file;
            }
        }
        throw new AssertionError("jar " + id + " not listed in " + files);
    }

    private static void awaitRecords(String topic, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                if (readValues(topic).size() >= count) {
                    return;
                }
            } catch (RuntimeException notYetCreated) {
                // the sink creates the topic with its first record
            }
            assertThat(System.nanoTime()).as("%d records in %s", count, topic).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Every value of the topic, as text (the sink writes JSON strings). */
    private static List<String> readValues(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(JSON.readTree(record.value()).asText());
                }
            }
        }
        return values;
    }
}
