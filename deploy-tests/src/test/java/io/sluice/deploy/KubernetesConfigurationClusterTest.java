package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.deploy.Repository.Document;
import io.sluice.engine.EngineApplication;
import io.sluice.local.LocalKafkaBroker;
import io.sluice.worker.WorkerApplication;
import io.sluice.worker.config.WorkerProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts an engine and a worker as the k8s/ Deployments would: each gets exactly the environment variables its
 * manifest gives its container (ConfigMap values, downward API fields of a simulated pod), bound by Spring as
 * operating-system environment variables, so the manifests' configuration is proven to be read. Only what
 * cannot exist here is replaced: the in-cluster Kafka address (by an in-process broker), the worker's data
 * and checkpoint directories (by temporary ones), and the HTTP ports (random; the manifests' ports are checked statically).
 * Logging is turned down to keep the build quiet.
 */
class KubernetesConfigurationClusterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ManifestEnvironment.Pod WORKER_POD =
            new ManifestEnvironment.Pod("sluice-worker-5c9d7b8f6-x2x7q", "127.0.0.1");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void engine_and_worker_started_with_the_manifests_environment_form_a_cluster() throws Exception {
        List<Document> documents = Repository.documents(Repository.K8S);
        Path dir = Files.createTempDirectory("sluice-k8s-config");
        LocalKafkaBroker broker = LocalKafkaBroker.start(dir.resolve("kafka"), 0, 0);
        started.add(broker);

        Map<String, String> engineEnv = ManifestEnvironment.of(documents, "sluice-engine", WORKER_POD);
        Map<String, String> workerEnv = ManifestEnvironment.of(documents, "sluice-worker", WORKER_POD);
        replace(engineEnv, "SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        replace(workerEnv, "SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        replace(workerEnv, "SLUICE_WORKER_DATA_DIR", dir.resolve("worker").toString());
        replace(workerEnv, "SLUICE_WORKER_CHECKPOINT_DIR", dir.resolve("checkpoints").toString());

        ConfigurableApplicationContext engineContext = start(EngineApplication.class, engineEnv);
        ConfigurableApplicationContext workerContext = start(WorkerApplication.class, workerEnv);
        String engine = url(engineContext);
        String worker = url(workerContext);
        // One classpath, two applications: each read its own configuration file (spring.config.name).
        assertThat(engineContext.getEnvironment().getProperty("spring.application.name")).isEqualTo("sluice-engine");
        assertThat(workerContext.getEnvironment().getProperty("spring.application.name")).isEqualTo("sluice-worker");
        assertThat(workerContext.getBean(WorkerProperties.class).checkpointDir()).isEqualTo(dir.resolve("checkpoints"));

        JsonNode overview = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(engine + "/overview"), o -> o.path("taskmanagers").asInt() == 1);
        String slots = configMapValue(documents, "worker.slots");
        assertThat(overview.path("slots-total").asInt()).isEqualTo(Integer.parseInt(slots));

        JsonNode taskManager = get(engine + "/taskmanagers").path("taskmanagers").get(0);
        assertThat(taskManager.path("id").asString()).isEqualTo(WORKER_POD.name());
        assertThat(taskManager.path("path").asString()).isEqualTo(WORKER_POD.ip() + ":" + SluiceApp.WORKER.serverPort());
        assertThat(taskManager.path("slotsNumber").asInt()).isEqualTo(Integer.parseInt(slots));

        assertProbesAnswer(documents, "sluice-engine", engine);
        assertProbesAnswer(documents, "sluice-worker", worker);
    }

    /** Each probe path of the Deployment's container answers 200 on the running application. */
    private void assertProbesAnswer(List<Document> documents, String deployment, String baseUrl) throws Exception {
        Document workload = documents.stream().filter(d -> d.name().equals(deployment) && d.kind().equals("Deployment"))
                .findFirst().orElseThrow();
        Map<String, Object> container = PodTemplates.containers(workload).get(0);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = (String) Yamls.at(container, probe + ".httpGet").get("path");
            // Like the kubelet, retry: a probe is judged by its answer, not by one slow request.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(HttpTimeoutException.class)
                    .untilAsserted(() -> {
                        HttpResponse<String> response = send(baseUrl + path);
                        assertThat(response.statusCode()).as(deployment + " " + probe + " " + path).isEqualTo(200);
                        assertThat(response.body()).contains("\"UP\"");
                    });
        }
    }

    /** A manifest value that names something of the cluster (a DNS name, a volume path) gets its local stand-in. */
    private static void replace(Map<String, String> env, String name, String value) {
        assertThat(env).as("the manifest sets " + name).containsKey(name);
        env.put(name, value);
    }

    /** Started as its image starts it: the application finds its own configuration file. */
    private ConfigurableApplicationContext start(Class<?> main, Map<String, String> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(env)));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(main)
                .environment(environment)
                .run("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=warn");
        started.add(context);
        return context;
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static String configMapValue(List<Document> documents, String key) {
        return documents.stream().filter(d -> d.kind().equals("ConfigMap"))
                .map(d -> Yamls.map(d.content(), "data").get(key))
                .filter(v -> v != null)
                .map(String::valueOf)
                .findFirst().orElseThrow();
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = send(url);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
