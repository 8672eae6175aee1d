package io.sluice.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CLI sends the API token as a bearer header on every call, and none when it has no token. */
class EngineClientTest {

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheTokenAsBearer() {
        EngineClient client = new EngineClient("http://localhost:" + server.getAddress().getPort(), " s3cret\n");
        client.post("/jobs", "{}");
        client.patch("/jobs/x?mode=cancel");
        client.get("/jobs");

        assertThat(authorizations).containsExactly("Bearer s3cret", "Bearer s3cret", "Bearer s3cret");
    }

    @Test
    void sendsNoAuthorizationWithoutAToken() {
        new EngineClient("http://localhost:" + server.getAddress().getPort(), null).get("/jobs");
        new EngineClient("http://localhost:" + server.getAddress().getPort(), "").get("/jobs");

        assertThat(authorizations).containsExactly("null", "null");
    }
}
