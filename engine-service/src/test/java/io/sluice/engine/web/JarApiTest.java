package io.sluice.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.testing.FakeKafkaTransport;
import io.sluice.graph.JobGraph;
import io.sluice.graph.UserJar;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.JobId;
import io.sluice.runtime.testing.TestJars;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The jar endpoints on a real server (Kafka transport faked): upload, list, plan, run, content and delete of jars
 * compiled during the test, and every kind of bad upload or entry class, each a clear 4xx leaving the engine
 * healthy.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.engine.kafka.enabled=false", "sluice.engine.heartbeat-timeout=60s",
                "sluice.engine.jars.max-size=256KB", "sluice.engine.jars.program-timeout=3s",
                "sluice.engine.jars.dir=${java.io.tmpdir}/sluice-jar-api-test-${random.uuid}"})
@AutoConfigureWebTestClient(timeout = "60s")
@Import(FakeKafkaTransport.class)
class JarApiTest {

    private static final String WORDS = """
            package demo;
            import io.sluice.api.StreamEnvironment;
            public class Words {
                public static void main(String[] args) throws Exception {
                    StreamEnvironment env = StreamEnvironment.create();
                    String prefix = args.length > 0 ? args[0] : "n";
                    System.out.println("building with prefix " + prefix);
                    env.generateSequence(10).map(n -> prefix + n).name("prefixed").sinkToKafka("words-out");
                    env.execute("words-" + prefix);
                    throw new IllegalStateException("never reached: execute ends the program");
                }
            }
            """;
    private static final String FACTORY = """
            package demo;
            import io.sluice.api.JobFactory;
            import io.sluice.api.StreamEnvironment;
            import io.sluice.graph.JobGraph;
            public class Factory implements JobFactory {
                public JobGraph createJob(String[] args) {
                    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
                    env.generateSequence(4).map(n -> n * 2).setParallelism(3).print();
                    return env.getJobGraph("factory");
                }
            }
            """;
    private static final String THROWS = """
            package demo;
            public class Throws {
                public static void main(String[] args) {
                    System.err.println("about to fail");
                    throw new IllegalArgumentException("no input topic configured");
                }
            }
            """;
    private static final String LOOPS = """
            package demo;
            public class Loops {
                // Never returns and shrugs off interrupts, but idles: an abandoned program must not eat a core of
                // the test JVM for the rest of the run.
                public static void main(String[] args) {
                    while (true) {
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException ignored) {
                        }
                    }
                }
            }
            """;
    private static final String NO_JOB = """
            package demo;
            public class NoJob {
                public static void main(String[] args) { System.out.println("hello"); }
            }
            """;
    private static final String HELPER = """
            package demo;
            public class Helper { public int twice(int n) { return 2 * n; } }
            """;

    @TempDir
    static Path dir;

    static Path jobJar;
    static Path libraryJar;

    @BeforeAll
    static void buildJars() {
        jobJar = TestJars.build(dir, "words-job.jar", Map.of("demo.Words", WORDS, "demo.Factory", FACTORY,
                "demo.Throws", THROWS, "demo.Loops", LOOPS, "demo.NoJob", NO_JOB, "demo.Helper", HELPER), "demo.Words");
        libraryJar = TestJars.build(dir, "library.jar", Map.of("demo.Helper", HELPER), null);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    JobManagerActor jobManager;

    @Test
    @SuppressWarnings("unchecked")
    void uploadListPlanRunContentDelete() throws Exception {
        byte[] bytes = Files.readAllBytes(jobJar);
        String id = upload("words-job.jar", bytes);
        assertThat(id).matches("[0-9a-f]{32}_words-job\\.jar");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        client.get().uri("/jars").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.files[?(@.id == '%s')].name".formatted(id)).isEqualTo(List.of("words-job.jar"))
                .jsonPath("$.files[?(@.id == '%s')].sha256".formatted(id)).isEqualTo(List.of(sha256))
                .jsonPath("$.files[?(@.id == '%s')].entry[*].name".formatted(id))
                .value(List.class, names -> assertThat((List<Object>) names)
                        .containsExactlyInAnyOrder("demo.Words", "demo.Factory", "demo.Throws", "demo.Loops",
                                "demo.NoJob")
                        .first().isEqualTo("demo.Words"));

        client.get().uri("/jars/{id}/plan?program-arg=x", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.plan.name").isEqualTo("words-x")
                .jsonPath("$.plan.nodes.length()").isEqualTo(3)
                .jsonPath("$.plan.nodes[1].name").isEqualTo("prefixed")
                .jsonPath("$.plan.nodes[1].inputs.length()").isEqualTo(1)
                .jsonPath("$.plan.nodes[2].inputs.length()").isEqualTo(1);

        String jobId = client.post().uri("/jars/{id}/run", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("programArgs", "w", "parallelism", 2)).exchange()
                .expectStatus().isOk()
                .expectBody(JobSubmitted.class).returnResult().getResponseBody().jobid();
        JobGraph graph = jobManager.ask(jm -> jm.job(new JobId(jobId)).orElseThrow().plan().graph()).get();
        assertThat(graph.name()).isEqualTo("words-w");
        assertThat(graph.config().userJar()).isEqualTo(new UserJar(id, sha256));
        assertThat(graph.vertices()).extracting(VertexSpec::parallelism).containsOnly(2);

        byte[] content = client.get().uri("/jars/{id}/content", id).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Sluice-Sha256", sha256)
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(content).isEqualTo(bytes);

        client.delete().uri("/jars/{id}", id).exchange().expectStatus().isOk();
        client.get().uri("/jars").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.files[?(@.id == '%s')]".formatted(id)).isEmpty();
        client.get().uri("/jars/{id}/content", id).exchange().expectStatus().isNotFound();
        client.post().uri("/jars/{id}/run", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void jobFactoryEntryClassKeepsOperatorParallelism() {
        String id = upload("factory.jar", read(jobJar));
        client.post().uri("/jars/{id}/plan", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entryClass", "demo.Factory", "parallelism", 4)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.plan.name").isEqualTo("factory")
                .jsonPath("$.plan.parallelism").isEqualTo(4)
                // the source and sink ran at the default (2) and follow the request; the map set 3 itself
                .jsonPath("$.plan.nodes[*].parallelism").isEqualTo(List.of(4, 3, 4));
    }

    @Test
    void notAJarIs400() {
        client.post().uri("/jars/upload").body(multipart("notes.jar", "just text".getBytes())).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.field").isEqualTo("jarfile")
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("not a jar"));
    }

    @Test
    void zipWithoutManifestOrClassesIs400() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes());
            out.closeEntry();
        }
        client.post().uri("/jars/upload").body(multipart("readme.jar", zip.toByteArray())).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("not a jar"));
    }

    @Test
    void tooLargeIs413() {
        byte[] big = new byte[300 * 1024];
        new Random(1).nextBytes(big);
        client.post().uri("/jars/upload").body(multipart("big.jar", big)).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.field").isEqualTo("jarfile")
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("262144"));
        assertHealthy();
    }

    @Test
    void missingPartIs400NamingIt() {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(read(jobJar)) {
            @Override
            public String getFilename() {
                return "x.jar";
            }
        });
        client.post().uri("/jars/upload").body(BodyInserters.fromMultipartData(body.build())).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("jarfile"));
    }

    @Test
    void noEntryClassIs400() {
        String id = upload("library.jar", read(libraryJar));
        client.post().uri("/jars/{id}/run", id).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("entryClass")
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("Main-Class"));
        client.post().uri("/jars/{id}/run", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entryClass", "demo.Missing")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("not in the jar"));
        client.post().uri("/jars/{id}/run", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entryClass", "demo.Helper")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("no public static void main"));
    }

    @Test
    void entryClassThatThrowsIs400WithItsMessageAndOutput() {
        String id = upload("words-job.jar", read(jobJar));
        client.post().uri("/jars/{id}/run", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entryClass", "demo.Throws")).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.detail").value(String.class, d -> assertThat(d)
                        .contains("java.lang.IllegalArgumentException: no input topic configured"))
                .jsonPath("$.output").value(String.class, o -> assertThat(o).contains("about to fail"))
                .jsonPath("$.trace").doesNotExist();
        client.post().uri("/jars/{id}/run", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entryClass", "demo.NoJob")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("built no job"));
        assertHealthy();
    }

    @Test
    void entryClassThatLoopsForeverIsAbandonedWith400() {
        String id = upload("words-job.jar", read(jobJar));
        client.post().uri("/jars/{id}/run", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entryClass", "demo.Loops")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("within 3 s"));
        assertHealthy();
        // the engine still runs programs: the good entry class of the same jar gives its plan
        client.get().uri("/jars/{id}/plan", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.plan.name").isEqualTo("words-n");
    }

    @Test
    void badRunFieldsAre400NamingThem() {
        String id = upload("words-job.jar", read(jobJar));
        client.post().uri("/jars/{id}/run", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("parallelism", 0)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("parallelism");
        client.post().uri("/jars/{id}/run", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("savepointPath", "/tmp/sp")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("savepointPath");
        client.post().uri("/jars/{id}/run", "nope").exchange().expectStatus().isNotFound();
        client.delete().uri("/jars/{id}", "00000000000000000000000000000000_gone.jar").exchange()
                .expectStatus().isNotFound();
    }

    private void assertHealthy() {
        client.get().uri("/overview").exchange().expectStatus().isOk();
        client.get().uri("/jars").exchange().expectStatus().isOk();
    }

    private String upload(String name, byte[] bytes) {
        JarUploaded uploaded = client.post().uri("/jars/upload").body(multipart(name, bytes)).exchange()
                .expectStatus().isOk()
                .expectBody(JarUploaded.class).returnResult().getResponseBody();
        assertThat(uploaded.status()).isEqualTo("success");
        assertThat(uploaded.filename()).isEqualTo(uploaded.id());
        return uploaded.id();
    }

    private static BodyInserters.MultipartInserter multipart(String name, byte[] bytes) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("jarfile", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        return BodyInserters.fromMultipartData(body.build());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
