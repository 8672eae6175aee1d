package io.sluice.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.testing.FakeKafkaTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of random and mutated job specs against {@code POST /jobs} on the real HTTP stack (the Kafka transport
 * replaced by in-memory fakes): every answer is 2xx, or 4xx with a problem body and no stack trace; never a 5xx;
 * health stays UP. Seeded, so a failure names the seed and the body that caused it and can be replayed.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.engine.kafka.enabled=false", "sluice.engine.heartbeat-timeout=60s",
            // the fuzzer probes spec handling, not the rate limit (SubmissionRateLimitTest does)
            "sluice.security.submit-rate-limit.limit=1000000"})
@AutoConfigureWebTestClient(timeout = "30s")
@Import(FakeKafkaTransport.class)
class JobSubmissionFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261125L);
    private static final int MUTATED_SPECS = Integer.getInteger("fuzz.mutated", 2500);
    private static final int RAW_BODIES = Integer.getInteger("fuzz.raw", 500);
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    // the fuzzer writes deeper documents than the server reads, to see them refused
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build())
                    .build())
            .build();
    private static final String PUNCTUATION = "-_.$#[]{}()'\"\\/ ";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Field names the spec format knows, so insertions also hit real fields with wrong values. */
    private static final List<String> KNOWN_FIELDS = List.of("id", "type", "condition", "input", "inputs", "parallelism",
            "max-parallelism", "expression", "key-by", "field", "topic", "count", "rate", "kind", "seed", "window",
            "size", "slide", "gap", "checkpointing", "interval", "restart-strategy", "attempts", "delay", "operators",
            "name", "watermarks", "allowed-lateness", "trigger", "evictor", "function", "format", "key", "value");

    private static final List<String> HOSTILE_STRINGS = List.of("T(java.lang.Runtime).getRuntime().exec('id')",
            "new java.io.File('x')", "''.getClass().forName('java.lang.Runtime')", "@bean", "'a' * 1000000000",
            "#concat(#concat('a','a'),'a')", "((((((((((1))))))))))", "${jndi:ldap://x}", "../../etc/passwd",
            "\u0000", "\uD83D\uDE00\u202E", "\uFFFF", "\\u0000", "-1ms", "PT-1S", "1e309s", "99999999999d", "",
            " ", "null", "lines", "out", "word", "#split(line, '(a+)+$')", "value matches '(a|a)*b'");

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    private final Random random = new Random(SEED);
    private final Map<Integer, Integer> statusCounts = new HashMap<>();

    @Test
    void randomAndMutatedSpecsNeverGetAServerError() throws IOException {
        List<JsonNode> seeds = seedSpecs();
        assertThat(seeds).as("seed specs").hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode seed : seeds) {
            client.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsString(seed))
                    .exchange()
                    .expectStatus().isAccepted();
        }
        for (int i = 0; i < MUTATED_SPECS; i++) {
            JsonNode spec = seeds.get(random.nextInt(seeds.size())).deepCopy();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                spec = mutate(spec);
            }
            post(JSON.writeValueAsString(spec).getBytes(StandardCharsets.UTF_8), randomContentType());
        }
        for (int i = 0; i < RAW_BODIES; i++) {
            byte[] seed = JSON.writeValueAsString(seeds.get(random.nextInt(seeds.size())))
                    .getBytes(StandardCharsets.UTF_8);
            post(rawBody(seed), randomContentType());
        }
        oddRequests();

        assertThat(statusCounts).as("statuses seen").containsKey(202).containsKey(400);
        assertThat(statusCounts.keySet()).allMatch(status -> status < 500, "no 5xx");
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/jobs/overview").exchange().expectStatus().isOk();
    }

    /** Wrong methods, bad path variables and parameters, wrong media types: 4xx problems too. */
    private void oddRequests() {
        for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.GET, HttpMethod.PATCH)) {
            for (String path : List.of("/jobs", "/jobs/%00", "/jobs/a%2Fb", "/jobs/" + "f".repeat(33), "/jobs/../../etc/passwd",
                    "/jobs/x/exceptions", "/jobs/\u00e9/checkpoints", "/jobs/x?mode=", "/jobs/overview/x")) {
                EntityExchangeResult<byte[]> result = client.method(method).uri(java.net.URI.create("http://localhost:" + port + encodeOdd(path)))
                        .exchange().expectBody().returnResult();
                check(result, path);
            }
        }
        EntityExchangeResult<byte[]> xml = client.post().uri("/jobs").contentType(MediaType.APPLICATION_XML)
                .accept(MediaType.APPLICATION_XML).bodyValue("<job/>").exchange().expectBody().returnResult();
        check(xml, "<job/> accepting xml");
    }

    private static String encodeOdd(String path) {
        return path.replace("\u00e9", "%C3%A9");
    }

    private int post(byte[] body, MediaType contentType) {
        EntityExchangeResult<byte[]> result = client.post().uri("/jobs").contentType(contentType).bodyValue(body)
                .exchange().expectBody().returnResult();
        check(result, new String(body, 0, Math.min(body.length, 600), StandardCharsets.UTF_8));
        return result.getStatus().value();
    }

    private void check(EntityExchangeResult<byte[]> result, String input) {
        int status = result.getStatus().value();
        statusCounts.merge(status, 1, Integer::sum);
        String body = result.getResponseBody() == null ? "" : new String(result.getResponseBody(), StandardCharsets.UTF_8);
        String replay = "seed " + SEED + ", status " + status + ", input: " + input + "\nresponse: " + body;
        assertThat(status).as(replay).isBetween(200, 499);
        assertThat(body).as(replay).doesNotContain("\tat ", "Exception:", "\"trace\"");
        if (status >= 400) {
            assertThat(result.getResponseHeaders().getContentType()).as(replay).isNotNull()
                    .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
            JsonNode problem = JSON.readTree(body);
            assertThat(problem.path("status").asInt()).as(replay).isEqualTo(status);
        }
    }

    private MediaType randomContentType() {
        return switch (random.nextInt(10)) {
            case 0 -> MediaType.TEXT_PLAIN;
            case 1 -> MediaType.APPLICATION_OCTET_STREAM;
            default -> MediaType.APPLICATION_JSON;
        };
    }

    // ---- mutations of a JSON tree ----

    private JsonNode mutate(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        if (containers.isEmpty()) {
            return NODES.objectNode().set("name", root);
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            mutateObject(object);
        } else if (target instanceof ArrayNode array) {
            mutateArray(array);
        }
        return random.nextInt(40) == 0 ? randomValue(3) : root;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainer()) {
            out.add(node);
            for (JsonNode child : node.values()) {
                collectContainers(child, out);
            }
        }
    }

    private void mutateObject(ObjectNode object) {
        List<String> names = new ArrayList<>(object.propertyNames());
        String existing = names.isEmpty() ? "name" : names.get(random.nextInt(names.size()));
        switch (random.nextInt(6)) {
            case 0 -> object.remove(existing);
            case 1 -> object.set(existing, randomValue(2));
            case 2 -> object.set(KNOWN_FIELDS.get(random.nextInt(KNOWN_FIELDS.size())), randomValue(2));
            case 3 -> object.set(randomString(), randomValue(1));
            case 4 -> object.set(existing, hugeNumber());
            default -> object.set(existing, NODES.textNode(HOSTILE_STRINGS.get(random.nextInt(HOSTILE_STRINGS.size()))));
        }
    }

    private void mutateArray(ArrayNode array) {
        switch (random.nextInt(4)) {
            case 0 -> {
                if (!array.isEmpty()) {
                    array.remove(random.nextInt(array.size()));
                }
            }
            case 1 -> {
                if (!array.isEmpty()) {
                    array.add(array.get(random.nextInt(array.size())).deepCopy()); // duplicate ids, fan-out
                }
            }
            case 2 -> array.add(randomValue(2));
            default -> {
                if (array.size() > 1) {
                    int i = random.nextInt(array.size());
                    int j = random.nextInt(array.size());
                    JsonNode a = array.get(i);
                    array.set(i, array.get(j));
                    array.set(j, a);
                }
            }
        }
    }

    private JsonNode randomValue(int depth) {
        int pick = random.nextInt(depth > 0 ? 10 : 7);
        return switch (pick) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(2001) - 1000);
            case 3 -> hugeNumber();
            case 4 -> NODES.textNode(randomString());
            case 5 -> NODES.textNode(HOSTILE_STRINGS.get(random.nextInt(HOSTILE_STRINGS.size())));
            case 6 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(depth - 1));
                }
                yield array;
            }
            case 8 -> deepNesting();
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(KNOWN_FIELDS.get(random.nextInt(KNOWN_FIELDS.size())), randomValue(depth - 1));
                }
                yield object;
            }
        };
    }

    private JsonNode hugeNumber() {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.numberNode(Long.MAX_VALUE);
            case 1 -> NODES.numberNode(Integer.MIN_VALUE);
            case 2 -> NODES.numberNode(new java.math.BigInteger("9".repeat(60)));
            case 3 -> NODES.numberNode(1e308);
            case 4 -> NODES.numberNode(-0.0);
            default -> NODES.numberNode((long) Integer.MAX_VALUE + 1);
        };
    }

    private JsonNode deepNesting() {
        JsonNode node = NODES.textNode("deep");
        for (int i = 100 + random.nextInt(300); i > 0; i--) {
            node = random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("operators", node);
        }
        return node;
    }

    private String randomString() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(24); i > 0; i--) {
            text.appendCodePoint(switch (random.nextInt(5)) {
                case 0 -> 'a' + random.nextInt(26);
                case 1 -> random.nextInt(32); // control characters
                case 2 -> 0x80 + random.nextInt(0x780);
                case 3 -> 0x1F600 + random.nextInt(80); // astral plane
                default -> PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
            });
        }
        return text.toString();
    }

    // ---- raw bodies: broken JSON and garbage bytes ----

    private byte[] rawBody(byte[] seed) {
        return switch (random.nextInt(8)) {
            case 0 -> randomBytes(random.nextInt(2048));
            case 1 -> java.util.Arrays.copyOf(seed, random.nextInt(seed.length)); // truncated
            case 2 -> flipBytes(seed);
            case 3 -> ("[".repeat(5000 + random.nextInt(50_000))).getBytes(StandardCharsets.US_ASCII);
            case 4 -> ("{\"name\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001)).getBytes(StandardCharsets.UTF_8);
            case 5 -> ("{\"name\": \"" + "\uD83D\uDE00".repeat(1000) + "\", \"operators\": []}")
                    .getBytes(StandardCharsets.UTF_8);
            case 6 -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
            default -> (new String(seed, StandardCharsets.UTF_8) + new String(seed, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8); // trailing tokens
        };
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] flipBytes(byte[] seed) {
        byte[] bytes = seed.clone();
        for (int i = 1 + random.nextInt(8); i > 0 && bytes.length > 0; i--) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** The runnable examples of the repository, plus a small spec using expressions and checkpointing. */
    private static List<JsonNode> seedSpecs() throws IOException {
        List<JsonNode> seeds = new ArrayList<>();
        Path examples = Path.of("..", "examples");
        if (Files.isDirectory(examples)) {
            try (Stream<Path> files = Files.list(examples)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    seeds.add(JSON.readTree(Files.readString(file)));
                }
            }
        }
        seeds.add(JSON.readTree("""
                {"name": "fuzz-seed", "parallelism": 1,
                 "checkpointing": {"interval": "5s"},
                 "operators": [
                  {"id": "lines", "type": "generator", "kind": "sequence", "count": 10},
                  {"id": "up", "type": "map", "input": "lines", "expression": "value + 1"},
                  {"id": "even", "type": "filter", "input": "up", "condition": "value % 2 == 0"},
                  {"id": "out", "type": "print", "input": "even"}
                ]}"""));
        return seeds;
    }
}
