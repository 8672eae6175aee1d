package io.sluice.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The engine's REST API as the cluster tests use it: requests, job submission, and polling until a condition. */
final class EngineRest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final Consumer<String> onTimeout;

    /**
     * @param base e.g. {@code http://localhost:8081}
     * @param onTimeout told which request timed out, to leave evidence (a thread dump) in the test output
     */
    EngineRest(String base, Consumer<String> onTimeout) {
        this.base = base;
        this.onTimeout = onTimeout;
    }

    /** The engine's REST address, e.g. {@code http://localhost:8081}. */
    String base() {
        return base;
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(String method, String path, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            onTimeout.accept(method + " " + path + " timed out");
            throw e;
        }
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        // Short: a poll that gets no answer (seen now and then on a loaded machine, cause not found yet) is dropped
        // with its connection and the next poll goes out on a fresh one, instead of eating the caller's whole wait.
        HttpResponse<String> response = send("GET", path, null, Duration.ofSeconds(8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Submits a spec and returns the job id. */
    String submit(String spec) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/jobs", spec);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("submit -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("jobid").asText();
    }

    /** Polls {@code path} until the answer satisfies the condition; an engine that does not answer is polled on. */
    JsonNode awaitJson(String path, Predicate<JsonNode> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = getJson(path);
                if (condition.test(last)) {
                    return last;
                }
            } catch (IOException | RuntimeException e) {
                last = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting on " + path + "; last answer: " + last);
    }

    JsonNode awaitJobState(String jobId, String state, Duration timeout) {
        return awaitJson("/jobs/" + jobId, j -> state.equals(j.path("state").asText()), timeout);
    }
}
