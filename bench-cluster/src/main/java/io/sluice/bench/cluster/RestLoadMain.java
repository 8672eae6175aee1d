package io.sluice.bench.cluster;

import io.sluice.local.LocalKafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./sluice bench rest-load [--clients 200] [--seconds 60] [--url URL --token T]}: the REST API under load
 * (issue 8). {@code clients} threads each loop without pause for {@code seconds}: 35% {@code GET /jobs}, 25%
 * {@code GET /jobs/overview}, 25% {@code GET /jobs/{id}} of a job submitted earlier, 14% submit a small job then
 * cancel it ({@code POST /jobs}, {@code PATCH /jobs/{id}?mode=cancel}), 1% submit without the token (when there is
 * one: {@code 401}, answered before the body is read). Prints per request kind the count, p50, p99 and max latency
 * and the answers by status ({@code timeout} and {@code io} for no answer within 30 s or a broken connection), then
 * the engine's health and what became of the submitted jobs. Without {@code --url} it starts its own broker, engine
 * (with a token, as {@code ./sluice local}; submission rate limit raised so submissions measure the API, not the
 * limiter) and one worker.
 */
public final class RestLoadMain {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The token of the engine this benchmark starts (on loopback, for this run only). */
    private static final String TOKEN = java.util.UUID.randomUUID().toString();
    /** A job that deploys into one slot, emits nothing and runs until cancelled. */
    private static final String SMALL_JOB = """
            {"name": "rest-load", "parallelism": 1, "operators": [
              {"id": "n", "type": "generator", "kind": "sequence", "count": -1, "rate": 1},
              {"id": "none", "type": "filter", "input": "n", "condition": "false"},
              {"id": "out", "type": "print", "input": "none"}
            ]}""";

    private final String rest;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT).build();
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final List<String> submitted = new CopyOnWriteArrayList<>();

    private RestLoadMain(String rest, String token) {
        this.rest = rest;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        int clients = 200;
        int seconds = 60;
        String url = null;
        String token = System.getenv("SLUICE_TOKEN");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--url" -> url = args[i + 1];
                case "--token" -> token = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url != null) {
            new RestLoadMain(url, token).run(clients, seconds);
            return;
        }
        Path dir = Files.createTempDirectory("sluice-bench-rest");
        Benchmark.log("working directory " + dir);
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir.resolve("kafka"), 0, 0);
                SluiceCluster cluster = new SluiceCluster(
                        Path.of(Files.isDirectory(Path.of("engine-service")) ? "" : "..").toAbsolutePath().normalize(),
                        dir, broker.bootstrapServers(), 1, 4, "256m",
                        List.of("--sluice.security.submit-rate-limit.limit=100000", "--sluice.security.tokens=" + TOKEN))) {
            new RestLoadMain(cluster.rest(), TOKEN).run(clients, seconds);
        }
    }

    private void run(int clients, int seconds) throws Exception {
        Benchmark.log(clients + " clients for " + seconds + " s against " + rest);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            SplittableRandom random = new SplittableRandom(c);
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        step(random);
                    }
                } finally {
                    done.countDown();
                }
            }, "rest-load-" + c);
            thread.setDaemon(true);
            threads.add(thread);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.println(report(clients, elapsed));
        System.out.println(aftermath());
    }

    private void step(SplittableRandom random) {
        int dice = random.nextInt(100);
        if (dice < 35) {
            call("GET /jobs", "GET", "/jobs", null);
        } else if (dice < 60) {
            call("GET /jobs/overview", "GET", "/jobs/overview", null);
        } else if (dice < 85 && !submitted.isEmpty()) {
            call("GET /jobs/{id}", "GET", "/jobs/" + submitted.get(random.nextInt(submitted.size())), null);
        } else if (dice < 86 && token != null) {
            call("POST /jobs without token", "POST", "/jobs", SMALL_JOB, false);
        } else {
            HttpResponse<String> answer = call("POST /jobs", "POST", "/jobs", SMALL_JOB);
            if (answer != null && answer.statusCode() == 202) {
                String id = JSON.readTree(answer.body()).path("jobid").asString();
                submitted.add(id);
                call("PATCH /jobs/{id}?mode=cancel", "PATCH", "/jobs/" + id + "?mode=cancel", null);
            }
        }
    }

    private HttpResponse<String> call(String kind, String method, String path, String body) {
        return call(kind, method, path, body, true);
    }

    /** One request, timed and counted; null when no answer came. */
    private HttpResponse<String> call(String kind, String method, String path, String body, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rest + path))
                .timeout(REQUEST_TIMEOUT)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (withToken && token != null && !method.equals("GET")) {
            request.header("Authorization", "Bearer " + token);
        }
        Kind stats = kinds.computeIfAbsent(kind, k -> new Kind());
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            stats.record(System.nanoTime() - start, Integer.toString(response.statusCode()));
            return response;
        } catch (HttpTimeoutException e) {
            stats.record(System.nanoTime() - start, "timeout");
        } catch (IOException e) {
            stats.record(System.nanoTime() - start, "io");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private String report(int clients, double elapsed) {
        StringBuilder out = new StringBuilder("""

                REST load: %d clients, %.0f s, %s
                | request | count | per s | p50 ms | p99 ms | max ms | answers |
                |---|---|---|---|---|---|---|
                """.formatted(clients, elapsed, rest));
        Kind all = new Kind();
        new TreeMap<>(kinds).forEach((name, kind) -> {
            out.append(kind.row(name, elapsed)).append('\n');
            all.add(kind);
        });
        out.append(all.row("all", elapsed)).append('\n');
        return out.toString();
    }

    /** The engine still answers, and every submitted job ended cancelled (or is on its way). */
    private String aftermath() {
        StringBuilder out = new StringBuilder();
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(rest + "/actuator/health"))
                    .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            out.append("engine health after the run: ").append(health.statusCode()).append(' ')
                    .append(health.body()).append('\n');
            SluiceCluster.sleep(5_000);
            HttpResponse<String> jobs = http.send(HttpRequest.newBuilder(URI.create(rest + "/jobs"))
                    .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Integer> states = new TreeMap<>();
            JSON.readTree(jobs.body()).path("jobs").forEach(job -> {
                if (submitted.contains(job.path("id").asString())) {
                    states.merge(job.path("status").asString(), 1, Integer::sum);
                }
            });
            out.append("submitted jobs ").append(submitted.size()).append(", 5 s after the run: ").append(states);
        } catch (IOException | InterruptedException e) {
            out.append("engine did not answer after the run: ").append(e);
        }
        return out.toString();
    }

    /** Latencies and answers of one kind of request. */
    private static final class Kind {
        private long[] nanos = new long[1024];
        private int size;
        private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();

        synchronized void record(long latency, String answer) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = latency;
            answers.computeIfAbsent(answer, a -> new LongAdder()).increment();
        }

        synchronized void add(Kind other) {
            for (int i = 0; i < other.size; i++) {
                record(other.nanos[i], "-");
            }
            answers.remove("-");
            other.answers.forEach((answer, n) -> answers.computeIfAbsent(answer, a -> new LongAdder()).add(n.sum()));
        }

        synchronized String row(String name, double elapsed) {
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            Map<String, Long> byAnswer = new TreeMap<>();
            answers.forEach((answer, n) -> byAnswer.put(answer, n.sum()));
            return "| %s | %d | %.0f | %.1f | %.1f | %.1f | %s |".formatted(name, size, size / elapsed,
                    quantile(sorted, 0.50), quantile(sorted, 0.99), size == 0 ? Double.NaN : sorted[size - 1] / 1e6,
                    byAnswer);
        }

        /** Nearest rank, in millis. */
        private static double quantile(long[] sorted, double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }
}
