package io.sluice.engine.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The engine as deployed in native mode (properties as k8s/native sets them), on an embedded broker, with
 * fabric8's mock API server as the cluster: a submitted job that finds no slots makes the engine create
 * worker pods, as many as its tasks need, able to fetch jar jobs from the engine.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "sluice.kubernetes.enabled=true",
            "sluice.kubernetes.namespace=sluice",
            "sluice.kubernetes.worker-image=sluice/worker:it",
            "sluice.kubernetes.slots-per-worker=2",
            "sluice.kubernetes.max-workers=8",
            "sluice.kubernetes.reconcile-interval=200ms"
        })
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@AutoConfigureWebTestClient(timeout = "30s") // a loaded 2-core CI machine can take over 5 s (the default)
@EnableKubernetesMockClient(crud = true)
class EngineNativeModeKubernetesIT {

    static KubernetesClient mockClient;

    @Autowired
    WebTestClient web;

    @TestConfiguration
    static class MockCluster {
        @Bean
        @Primary
        KubernetesClient mockKubernetesClient() {
            return mockClient;
        }
    }

    @Test
    void a_job_waiting_for_slots_gets_worker_pods() {
        web.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"name": "native", "parallelism": 3, "operators": [
                  {"id": "gen", "type": "generator", "kind": "sequence", "count": -1},
                  {"id": "out", "type": "print", "input": "gen"}
                ]}""").exchange().expectStatus().isAccepted();

        // 3 chained tasks, 2 slots per worker: 2 pods, and no more while they start.
        await().atMost(Duration.ofSeconds(30)).until(() -> pods().size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> pods().size() == 2);
        Pod pod = pods().get(0);
        assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("sluice/worker:it");
        assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(Fabric8WorkerPods.LABELS);
        // unset, the engine URL defaults to the engine's Service in k8s/ (sluice-engine, port 8081): jar jobs run
        assertThat(pod.getSpec().getContainers().get(0).getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SLUICE_WORKER_JARS_ENGINE_URL");
            assertThat(e.getValue()).isEqualTo("http://sluice-engine:8081");
        });
    }

    private static List<Pod> pods() {
        return mockClient.pods().inNamespace("sluice").list().getItems();
    }
}
