package io.sluice.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice run APP.jar ...} against a stand-in engine that records what it was sent. */
class JarCommandTest {

    @TempDir
    Path dir;

    private HttpServer engine;
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private volatile int runStatus = 200;
    private volatile String runAnswer = "{\"jobid\":\"0123456789abcdef0123456789abcdef\"}";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        engine = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        engine.createContext("/jars/upload", exchange -> {
            received.put("upload-type", exchange.getRequestHeaders().getFirst("Content-Type"));
            received.put("upload", body(exchange));
            answer(exchange, 200, "{\"filename\":\"abc_app.jar\",\"status\":\"success\",\"id\":\"abc_app.jar\"}");
        });
        engine.createContext("/jars/abc_app.jar/run", exchange -> {
            received.put("run", body(exchange));
            answer(exchange, runStatus, runAnswer);
        });
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.stop(0);
    }

    @Test
    void uploadsTheJarInFieldJarfileThenRunsItWithClassParallelismAndArguments() throws Exception {
        Path jar = Files.write(dir.resolve("app.jar"), "PK-not-really-a-jar".getBytes(StandardCharsets.UTF_8));

        int code = command("--class", "com.example.Job", "--parallelism", "3", "in-topic", "--verbose").run(client(),
                print(out), print(err));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(received.get("upload-type")).startsWith("multipart/form-data; boundary=");
        assertThat(received.get("upload"))
                .contains("Content-Disposition: form-data; name=\"jarfile\"; filename=\"app.jar\"")
                .contains("PK-not-really-a-jar");
        assertThat(EngineClient.JSON.readTree(received.get("run"))).isEqualTo(EngineClient.JSON.readTree(
                "{\"entryClass\":\"com.example.Job\",\"parallelism\":3,\"programArgsList\":[\"in-topic\",\"--verbose\"]}"));
    }

    @Test
    void aRefusedRunPrintsTheEngineMessageAndTheProgramOutput() throws Exception {
        Path jar = Files.write(dir.resolve("app.jar"), new byte[] {1});
        runStatus = 400;
        runAnswer = "{\"detail\":\"entryClass demo.Throws threw java.lang.IllegalStateException: boom\","
                + "\"output\":\"starting\\nabout to fail\"}";

        int code = command("-c", "demo.Throws").run(client(), print(out), print(err));

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("IllegalStateException: boom")
                .contains("  about to fail");
        assertThat(EngineClient.JSON.readTree(received.get("run")).path("programArgsList")).isEmpty();
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThatThrownBy(() -> command("--parallelism", "0"))
                .isInstanceOf(CliException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> command("--class"))
                .isInstanceOf(CliException.class).hasMessageContaining("needs a value");
    }

    private JarCommand command(String... args) {
        return JarCommand.parse(dir.resolve("app.jar"), new ArrayDeque<>(List.of(args)));
    }

    private EngineClient client() {
        return new EngineClient("http://localhost:" + engine.getAddress().getPort(), null);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
