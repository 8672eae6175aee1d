package io.sluice.engine.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sluice.engine.kubernetes.ClusterDemand.RegisteredWorker;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The native worker controller against fabric8's Kubernetes mock server (CRUD mode), on a manual clock. */
@EnableKubernetesMockClient(crud = true)
class NativeWorkerControllerKubernetesTest {

    private static final String NAMESPACE = "sluice";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final String ENGINE_POD = "sluice-engine-7d9f8b6c5-abcde";
    private static final String ENGINE_POD_UID = "0b6c8f9e-5a4d-4c3b-9a2e-1f0e9d8c7b6a";
    private static final String ENGINE_URL = "http://sluice-engine.sluice.svc:8081";

    KubernetesClient client;

    private final List<String> logged = new ArrayList<>();
    private Fabric8WorkerPods pods;

    @BeforeEach
    void setUp() {
        pods = new Fabric8WorkerPods(client, NAMESPACE, properties(2, 4), "kafka:9092");
    }

    @Test
    void a_job_needing_6_slots_on_2_workers_of_2_slots_gets_one_more_worker() {
        NativeWorkerController controller = controller(pods, 4);
        pods.create("sluice-worker-a");
        pods.create("sluice-worker-b");
        List<RegisteredWorker> two = List.of(idle("sluice-worker-a"), idle("sluice-worker-b"));

        var outcome = controller.reconcile(T0, new ClusterDemand(6, two));

        assertThat(outcome.created()).hasSize(1);
        assertThat(podNames()).hasSize(3).containsAll(outcome.created());
        // Until the new worker registers, its pod counts as the 2 slots it brings: nothing more is added.
        assertThat(controller.reconcile(T0.plusSeconds(5), new ClusterDemand(6, two)).created()).isEmpty();
        assertThat(podNames()).hasSize(3);
    }

    @Test
    void never_more_workers_than_the_maximum() {
        NativeWorkerController controller = controller(pods, 4);

        var outcome = controller.reconcile(T0, new ClusterDemand(20, List.of()));

        assertThat(outcome.created()).hasSize(4);
        assertThat(podNames()).hasSize(4);
        List<RegisteredWorker> registered = podNames().stream().map(this::idle).toList();
        assertThat(controller.reconcile(T0.plusSeconds(5), new ClusterDemand(20, registered)).created()).isEmpty();
        assertThat(podNames()).hasSize(4);
    }

    @Test
    void workers_idle_for_the_idle_timeout_are_removed_once_jobs_are_done() {
        NativeWorkerController controller = controller(pods, 4);
        controller.reconcile(T0, new ClusterDemand(6, List.of()));
        List<String> started = podNames();
        assertThat(started).hasSize(3);
        // The job runs on all slots of the first two workers; the third has nothing to do.
        List<RegisteredWorker> running = List.of(
                busy(started.get(0)), busy(started.get(1)), idle(started.get(2)));
        controller.reconcile(T0.plusSeconds(10), new ClusterDemand(0, running));

        // Job finished at T0+30s: every worker idle from then on.
        List<RegisteredWorker> finished = started.stream().map(this::idle).toList();
        assertThat(controller.reconcile(T0.plusSeconds(30), new ClusterDemand(0, finished)).deleted()).isEmpty();
        // The third was idle since T0+10s: its timeout ends first.
        assertThat(controller.reconcile(T0.plusSeconds(70), new ClusterDemand(0, finished)).deleted())
                .containsExactly(started.get(2));
        assertThat(controller.reconcile(T0.plusSeconds(89), new ClusterDemand(0, finished)).deleted()).isEmpty();
        assertThat(controller.reconcile(T0.plusSeconds(90), new ClusterDemand(0, finished)).deleted())
                .containsExactlyInAnyOrder(started.get(0), started.get(1));
        assertThat(podNames()).isEmpty();
    }

    @Test
    void idle_workers_stay_while_a_job_waits() {
        NativeWorkerController controller = controller(pods, 1);
        controller.reconcile(T0, new ClusterDemand(2, List.of()));
        List<RegisteredWorker> one = podNames().stream().map(this::idle).toList();

        // A job wants 4 slots, the maximum of 1 worker gives 2: the idle worker is kept for it.
        controller.reconcile(T0.plusSeconds(1), new ClusterDemand(4, one));
        assertThat(controller.reconcile(T0.plusSeconds(120), new ClusterDemand(4, one)).deleted()).isEmpty();
        assertThat(podNames()).hasSize(1);
    }

    @Test
    void a_pod_whose_worker_never_registers_is_replaced_after_the_start_timeout() {
        NativeWorkerController controller = controller(pods, 4);
        controller.reconcile(T0, new ClusterDemand(2, List.of()));
        List<String> first = podNames();
        assertThat(first).hasSize(1);

        assertThat(controller.reconcile(T0.plus(START_TIMEOUT).minusSeconds(1), new ClusterDemand(2, List.of()))
                .deleted()).isEmpty();
        var outcome = controller.reconcile(T0.plus(START_TIMEOUT), new ClusterDemand(2, List.of()));

        assertThat(outcome.deleted()).isEqualTo(first);
        assertThat(outcome.created()).hasSize(1).doesNotContainAnyElementsOf(first);
        assertThat(podNames()).isEqualTo(outcome.created());
        assertThat(logged).anyMatch(l -> l.contains("did not register"));
    }

    @Test
    void api_errors_are_retried_with_exponential_backoff() {
        FailingPods failing = new FailingPods(pods, 3);
        NativeWorkerController controller = controller(failing, 4);
        ClusterDemand demand = new ClusterDemand(2, List.of());

        assertThat(controller.reconcile(T0, demand).error()).isPresent();                 // 1st failure: wait 1 s
        assertThat(controller.reconcile(T0.plusMillis(999), demand).error()).isEmpty();
        assertThat(failing.calls.get()).isEqualTo(1);
        assertThat(controller.reconcile(T0.plusSeconds(1), demand).error()).isPresent();  // 2nd: wait 2 s
        controller.reconcile(T0.plusMillis(2999), demand);
        assertThat(failing.calls.get()).isEqualTo(2);
        assertThat(controller.reconcile(T0.plusSeconds(3), demand).error()).isPresent();  // 3rd: wait 4 s
        controller.reconcile(T0.plusMillis(6999), demand);
        assertThat(failing.calls.get()).isEqualTo(3);
        assertThat(podNames()).isEmpty();

        var outcome = controller.reconcile(T0.plusSeconds(7), demand);
        assertThat(outcome.error()).isEmpty();
        assertThat(outcome.created()).hasSize(1);
        assertThat(podNames()).hasSize(1);
        assertThat(logged).hasSize(3).allMatch(l -> l.contains("retrying"));
    }

    @Test
    void backoff_is_capped_at_the_maximum() {
        FailingPods failing = new FailingPods(pods, 100);
        NativeWorkerController controller = new NativeWorkerController(failing,
                new NativeWorkerPolicy(2, 4, IDLE_TIMEOUT, START_TIMEOUT, Duration.ofSeconds(1), Duration.ofSeconds(5)), logged::add);
        Instant now = T0;
        for (int i = 0; i < 5; i++) {              // waits 1, 2, 4, 5, 5 s
            controller.reconcile(now, new ClusterDemand(2, List.of()));
            now = now.plusSeconds(i < 3 ? 1L << i : 5);
        }
        assertThat(failing.calls.get()).isEqualTo(5);
        assertThat(logged.get(4)).contains("PT5S");
    }

    @Test
    void worker_pods_run_the_worker_image_with_the_configured_slots() {
        pods.create("sluice-worker-x");

        Pod pod = client.pods().inNamespace(NAMESPACE).withName("sluice-worker-x").get();
        var container = pod.getSpec().getContainers().get(0);
        assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(Fabric8WorkerPods.LABELS);
        assertThat(container.getImage()).isEqualTo("sluice/worker:test");
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SLUICE_WORKER_SLOTS");
            assertThat(e.getValue()).isEqualTo("2");
        });
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SLUICE_WORKER_ID");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        });
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SPRING_KAFKA_BOOTSTRAP_SERVERS");
            assertThat(e.getValue()).isEqualTo("kafka:9092");
        });
        // jar jobs: the worker fetches the job's jar from the engine (sluice.worker.jars.engine-url)
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SLUICE_WORKER_JARS_ENGINE_URL");
            assertThat(e.getValue()).isEqualTo(ENGINE_URL);
        });
        pods.delete("sluice-worker-x");
        assertThat(pods.list()).isEmpty();
    }

    @Test
    void worker_pods_belong_to_the_engine_pod_and_mount_the_shared_checkpoint_claim() {
        pods.create("sluice-worker-y");

        Pod pod = client.pods().inNamespace(NAMESPACE).withName("sluice-worker-y").get();
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getApiVersion()).isEqualTo("v1");
            assertThat(owner.getKind()).isEqualTo("Pod");
            assertThat(owner.getName()).isEqualTo(ENGINE_POD);
            assertThat(owner.getUid()).isEqualTo(ENGINE_POD_UID);
        });
        var container = pod.getSpec().getContainers().get(0);
        String checkpointDir = container.getEnv().stream().filter(e -> e.getName().equals("SLUICE_WORKER_CHECKPOINT_DIR"))
                .findFirst().orElseThrow().getValue();
        String volume = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(checkpointDir))
                .findFirst().orElseThrow().getName();
        assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getName().equals(volume)).singleElement()
                .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("sluice-checkpoints"));
    }

    @Test
    void without_an_owner_or_a_claim_worker_pods_have_neither() {
        Fabric8WorkerPods plain = new Fabric8WorkerPods(client, NAMESPACE, new KubernetesProperties(true, NAMESPACE,
                "sluice/worker:test", 2, 4, IDLE_TIMEOUT, START_TIMEOUT, Duration.ofSeconds(5), "1536Mi",
                Duration.ofSeconds(1), Duration.ofMinutes(1), " ", null, null, URI.create(ENGINE_URL)), "kafka:9092");

        Pod pod = plain.pod("sluice-worker-z");

        assertThat(pod.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(pod.getSpec().getVolumes()).extracting(v -> v.getName()).containsExactly("data");
        assertThat(pod.getSpec().getContainers().get(0).getEnv()).extracting(e -> e.getName())
                .doesNotContain("SLUICE_WORKER_CHECKPOINT_DIR");
    }

    private NativeWorkerController controller(WorkerPods workerPods, int maxWorkers) {
        return new NativeWorkerController(workerPods,
                new NativeWorkerPolicy(2, maxWorkers, IDLE_TIMEOUT, START_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(1)),
                logged::add);
    }

    private static KubernetesProperties properties(int slots, int maxWorkers) {
        return new KubernetesProperties(true, NAMESPACE, "sluice/worker:test", slots, maxWorkers, IDLE_TIMEOUT,
                START_TIMEOUT, Duration.ofSeconds(5), "1536Mi", Duration.ofSeconds(1), Duration.ofMinutes(1),
                "sluice-checkpoints", ENGINE_POD, ENGINE_POD_UID, URI.create(ENGINE_URL));
    }

    private List<String> podNames() {
        return client.pods().inNamespace(NAMESPACE).list().getItems().stream()
                .map(p -> p.getMetadata().getName()).sorted().toList();
    }

    private RegisteredWorker idle(String name) {
        return new RegisteredWorker(name, 2, 2);
    }

    private RegisteredWorker busy(String name) {
        return new RegisteredWorker(name, 2, 0);
    }

    /** The first {@code failures} list calls fail as an unreachable API server would. */
    private static final class FailingPods implements WorkerPods {
        private final WorkerPods delegate;
        private final int failures;
        final AtomicInteger calls = new AtomicInteger();

        FailingPods(WorkerPods delegate, int failures) {
            this.delegate = delegate;
            this.failures = failures;
        }

        @Override
        public List<String> list() {
            if (calls.incrementAndGet() <= failures) {
                throw new KubernetesClientException("503 Service Unavailable");
            }
            return delegate.list();
        }

        @Override
        public void create(String name) {
            delegate.create(name);
        }

        @Override
        public void delete(String name) {
            delegate.delete(name);
        }
    }
}
