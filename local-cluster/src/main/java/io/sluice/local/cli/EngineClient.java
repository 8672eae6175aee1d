package io.sluice.local.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks JSON over HTTP to the engine's REST API. A connection failure becomes a {@link CliException}. */
final class EngineClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String token;
    private final HttpClient http;

    /** @param token the API token sent as {@code Authorization: Bearer}; null or blank sends none */
    EngineClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token == null || token.isBlank() ? null : token.trim();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    String baseUrl() {
        return baseUrl;
    }

    Response get(String path) {
        return send("GET", path, BodyPublishers.noBody());
    }

    Response post(String path, String json) {
        return send("POST", path, BodyPublishers.ofString(json));
    }

    /** {@code multipart/form-data} with the file in the part {@code field}, as {@code curl -F field=@file}. */
    Response upload(String path, String field, Path file) {
        String boundary = "sluice-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        BodyPublisher body;
        try {
            body = BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofFile(file),
                    BodyPublishers.ofByteArray(tail));
        } catch (FileNotFoundException e) {
            throw new CliException(ExitCodes.FAILED, "no such file: " + file);
        }
        return send("POST", path, body, "multipart/form-data; boundary=" + boundary);
    }

    Response patch(String path) {
        return send("PATCH", path, BodyPublishers.noBody());
    }

    private Response send(String method, String path, BodyPublisher body) {
        return send(method, path, body, "application/json");
    }

    private Response send(String method, String path, BodyPublisher body, String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                // running a jar's entry class for its graph may take the engine's program timeout (30 s)
                .timeout(Duration.ofSeconds(90))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .method(method, body);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
            return new Response(method + " " + path, response.statusCode(), response.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException(ExitCodes.UNREACHABLE,
                    "Sluice engine not reachable at " + baseUrl + " — start it with ./sluice local");
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE,
                    "Sluice engine at " + baseUrl + " failed to answer " + method + " " + path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted");
        }
    }

    /** An HTTP answer; {@link #json()} parses the body. */
    record Response(String request, int status, String body) {

        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            } catch (JacksonException e) {
                throw new CliException(ExitCodes.FAILED,
                        request + " answered HTTP " + status + " with a body that is not JSON: " + abbreviate(body));
            }
        }

        /** A one-line description of a failed request, with the engine's own message when it gave one. */
        String failure() {
            String message = ErrorBody.message(this);
            return request + " failed: HTTP " + status + (message.isEmpty() ? "" : " — " + message);
        }

        private static String abbreviate(String s) {
            return s.length() <= 200 ? s : s.substring(0, 200) + "…";
        }
    }
}
