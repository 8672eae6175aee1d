package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.deploy.Repository.Document;
import io.sluice.graph.json.JobSpecParser;
import io.sluice.runtime.expr.ExpressionSandbox;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session-mode manifests in k8s/ read as Kubernetes and the applications would read them: what schema
 * validators do not check (unknown fields, references between objects, environment variables against the
 * applications' properties, ports, probe paths).
 */
class KubernetesManifestsTest {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Set<String> HEALTH_GROUPS = Set.of("/actuator/health/liveness", "/actuator/health/readiness");


    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/native", "k8s/application"})
    void every_document_has_a_kind_and_name_and_only_known_fields(String dir) {
        List<Document> documents = Repository.documents(Repository.ROOT.resolve(dir));
        KnownFields known = KnownFields.load();
        assertThat(documents).hasSizeGreaterThanOrEqualTo(dir.equals("k8s") ? 10 : 6);
        List<String> problems = new ArrayList<>();
        for (Document doc : documents) {
            assertThat(doc.content()).as(doc.file().toString()).containsKeys("apiVersion", "kind", "metadata");
            assertThat(doc.name()).as(doc.toString()).isNotBlank();
            if (!known.knowsKind(doc.kind())) {
                problems.add(doc + ": kind not in k8s-fields.yaml");
            } else {
                known.unknownFields(doc.kind(), doc.content()).forEach(f -> problems.add(doc + ": unknown field " + f));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_session_cluster_has_the_objects_flink_users_expect() {
        List<Document> documents = Repository.documents(Repository.K8S);
        assertThat(documents).extracting(d -> d.kind() + "/" + d.name()).contains(
                "ConfigMap/sluice-config",
                "Service/sluice-engine",
                "Deployment/sluice-engine",
                "Deployment/sluice-worker",
                "StatefulSet/sluice-kafka",
                "Service/sluice-kafka",
                "ServiceAccount/sluice-engine",
                "Role/sluice-engine",
                "RoleBinding/sluice-engine",
                "PodDisruptionBudget/sluice-worker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/native", "k8s/application"})
    void kustomization_lists_every_manifest_file_and_nothing_else(String dir) {
        List<Document> documents = Repository.documents(Repository.ROOT.resolve(dir));
        Map<String, Object> kustomization = Repository.load(Repository.ROOT.resolve(dir).resolve("kustomization.yaml"));
        List<Object> resources = Yamls.asList(kustomization.get("resources"), "resources");
        assertThat(resources).containsExactlyInAnyOrderElementsOf(Repository.manifestFiles(Repository.ROOT.resolve(dir)).stream()
                .map(f -> f.getFileName().toString())
                .toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/native", "k8s/application"})
    void environment_variables_of_sluice_containers_are_properties_of_their_application(String dir) {
        List<Document> documents = Repository.documents(Repository.ROOT.resolve(dir));
        List<String> problems = new ArrayList<>();
        for (Document workload : workloads(documents)) {
            for (Map<String, Object> container : PodTemplates.containers(workload)) {
                Optional<SluiceApp> app = SluiceApp.ofImage((String) container.get("image"));
                if (app.isEmpty()) {
                    continue;  // Kafka's variables are the Kafka image's business
                }
                Set<String> referenced = referencedVariables(container);
                for (Map<String, Object> env : PodTemplates.env(container)) {
                    String name = (String) env.get("name");
                    if (app.get().propertyOfEnv(name).isEmpty() && !referenced.contains(name)) {
                        problems.add(workload + ": " + name + " is no property of " + app.get());
                    }
                }
                assertThat(container.get("envFrom")).as("explicit env only, so each name is checked").isNull();
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/native", "k8s/application"})
    void config_map_references_name_existing_keys(String dir) {
        List<Document> documents = Repository.documents(Repository.ROOT.resolve(dir));
        Map<String, Map<String, Object>> configMaps = new java.util.HashMap<>();
        documents.stream().filter(d -> d.kind().equals("ConfigMap"))
                .forEach(d -> configMaps.put(d.name(), Yamls.mapOrEmpty(d.content(), "data")));
        List<String> problems = new ArrayList<>();
        for (Document workload : workloads(documents)) {
            for (Map<String, Object> container : PodTemplates.containers(workload)) {
                for (Map<String, Object> env : PodTemplates.env(container)) {
                    Map<String, Object> ref = Yamls.mapOrEmpty(Yamls.mapOrEmpty(env, "valueFrom"), "configMapKeyRef");
                    if (!ref.isEmpty()) {
                        Map<String, Object> data = configMaps.get(ref.get("name"));
                        if (data == null || !data.containsKey(ref.get("key"))) {
                            problems.add(workload + ": " + env.get("name") + " -> missing " + ref);
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(configMaps.get("sluice-config").values()).allMatch(v -> v instanceof String,
                "ConfigMap values are strings (quote numbers)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/native", "k8s/application"})
    void sluice_containers_listen_on_their_server_port_and_probe_real_actuator_paths(String dir) {
        List<Document> documents = Repository.documents(Repository.ROOT.resolve(dir));
        int checked = 0;
        for (Document workload : workloads(documents)) {
            for (Map<String, Object> container : PodTemplates.containers(workload)) {
                Optional<SluiceApp> app = SluiceApp.ofImage((String) container.get("image"));
                if (app.isEmpty()) {
                    continue;
                }
                Map<String, Object> yml = app.get().applicationYml();
                int serverPort = app.get().serverPort();
                assertThat(PodTemplates.ports(container)).as(workload + " ports")
                        .extracting(p -> ((Number) p.get("containerPort")).intValue())
                        .containsExactly(serverPort);
                assertThat(String.valueOf(yml.get("management.endpoints.web.exposure.include"))).contains("health");
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    Map<String, Object> httpGet = Yamls.at(container, probe + ".httpGet");
                    String path = (String) httpGet.get("path");
                    assertThat(PodTemplates.containerPort(container, httpGet.get("port")))
                            .as(workload + " " + probe + " port").contains(serverPort);
                    assertThat(path).as(workload + " " + probe).isIn(HEALTH_GROUPS);
                    assertThat(yml.get("management.endpoint.health.probes.enabled"))
                            .as(app.get() + " must enable the probe groups " + path).isEqualTo(true);
                }
                assertThat(Yamls.at(container, "readinessProbe.httpGet").get("path"))
                        .isEqualTo("/actuator/health/readiness");
                checked++;
            }
        }
        assertThat(checked).isEqualTo(dir.equals("k8s") ? 2 : 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/native", "k8s/application"})
    void services_select_a_pod_template_and_target_its_ports(String dir) {
        List<Document> documents = Repository.documents(Repository.ROOT.resolve(dir));
        for (Document service : kind(documents, "Service")) {
            Map<String, Object> selector = Yamls.mapOrEmpty(Yamls.map(service.content(), "spec"), "selector");
            List<Document> selected = workloads(documents).stream()
                    .filter(w -> PodTemplates.selects(selector, PodTemplates.labels(w)))
                    .toList();
            assertThat(selected).as(service + " selects").hasSize(1);
            for (Object p : Yamls.asList(Yamls.map(service.content(), "spec").get("ports"), "ports")) {
                Object target = Yamls.asMap(p, "port").get("targetPort");
                assertThat(PodTemplates.containers(selected.get(0)).stream()
                                .anyMatch(c -> PodTemplates.containerPort(c, target).isPresent()))
                        .as(service + " targetPort " + target).isTrue();
            }
        }
        Map<String, Object> engineService = kind(documents, "Service").stream().filter(s -> s.name().equals("sluice-engine"))
                .findFirst().orElseThrow().content();
        assertThat(Yamls.asMap(Yamls.asList(Yamls.at(engineService, "spec").get("ports"), "ports").get(0), "port")
                .get("port")).isEqualTo(SluiceApp.ENGINE.serverPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/native", "k8s/application"})
    void workload_and_disruption_budget_selectors_match_their_pods(String dir) {
        List<Document> documents = Repository.documents(Repository.ROOT.resolve(dir));
        for (Document workload : workloads(documents)) {
            if (workload.kind().equals("Job")) {
                continue;  // a Job's selector is generated
            }
            assertThat(PodTemplates.selects(Yamls.at(workload.content(), "spec.selector.matchLabels"),
                    PodTemplates.labels(workload))).as(workload.toString()).isTrue();
        }
        for (Document pdb : kind(documents, "PodDisruptionBudget")) {
            Map<String, Object> selector = Yamls.at(pdb.content(), "spec.selector.matchLabels");
            assertThat(workloads(documents)).as(pdb.toString())
                    .filteredOn(w -> PodTemplates.selects(selector, PodTemplates.labels(w)))
                    .extracting(Document::name).containsExactly("sluice-worker");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/native", "k8s/application"})
    void the_engine_runs_as_its_service_account_bound_to_its_role(String dir) {
        List<Document> documents = Repository.documents(Repository.ROOT.resolve(dir));
        Set<String> accounts = names(documents, "ServiceAccount");
        Map<String, Object> engineSpec = Yamls.at(workload(documents, "sluice-engine").content(), "spec.template.spec");
        assertThat(accounts).contains((String) engineSpec.get("serviceAccountName"));
        for (Document binding : kind(documents, "RoleBinding")) {
            assertThat(names(documents, "Role")).contains((String) Yamls.map(binding.content(), "roleRef").get("name"));
            for (Object subject : Yamls.asList(binding.content().get("subjects"), "subjects")) {
                assertThat(accounts).contains((String) Yamls.asMap(subject, "subject").get("name"));
            }
        }
    }

    @Test
    void workers_shut_down_gracefully_within_the_grace_period() {
        List<Document> documents = Repository.documents(Repository.K8S);
        Map<String, Object> spec = Yamls.at(workload(documents, "sluice-worker").content(), "spec.template.spec");
        String phaseTimeout = String.valueOf(SluiceApp.WORKER.applicationYml().get("spring.lifecycle.timeout-per-shutdown-phase"));
        assertThat(SluiceApp.WORKER.applicationYml().get("server.shutdown")).isEqualTo("graceful");
        assertThat(phaseTimeout).endsWith("s");
        int phaseSeconds = Integer.parseInt(phaseTimeout.substring(0, phaseTimeout.length() - 1));
        assertThat(((Number) spec.get("terminationGracePeriodSeconds")).intValue()).isGreaterThan(phaseSeconds);
    }

    /**
     * A task restarted on another worker reads the snapshots the lost one wrote: every worker mounts one
     * ReadWriteMany claim at its checkpoint dir (session: the worker Deployment; native and application: the pods the
     * engine creates, from sluice.kubernetes.checkpoint-claim, which also get the engine's pod as owner).
     */
    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/native", "k8s/application"})
    void workers_keep_checkpoints_on_a_shared_read_write_many_claim(String dir) {
        List<Document> documents = Repository.documents(Repository.ROOT.resolve(dir));
        String claim;
        if (dir.equals("k8s")) {
            Document worker = workload(documents, "sluice-worker");
            Map<String, Object> container = PodTemplates.containers(worker).get(0);
            String checkpointDir = envValue(container, "SLUICE_WORKER_CHECKPOINT_DIR");
            assertThat(SluiceApp.WORKER.propertyOfEnv("SLUICE_WORKER_CHECKPOINT_DIR")).contains("sluice.worker.checkpoint-dir");
            String volume = Yamls.asList(container.get("volumeMounts"), "volumeMounts").stream()
                    .map(m -> Yamls.asMap(m, "volumeMount"))
                    .filter(m -> checkpointDir.equals(m.get("mountPath")))
                    .map(m -> (String) m.get("name"))
                    .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + checkpointDir));
            claim = Yamls.asList(Yamls.at(worker.content(), "spec.template.spec").get("volumes"), "volumes").stream()
                    .map(v -> Yamls.asMap(v, "volume"))
                    .filter(v -> volume.equals(v.get("name")))
                    .map(v -> (String) Yamls.map(v, "persistentVolumeClaim").get("claimName"))
                    .findFirst().orElseThrow();
        } else {
            Map<String, Object> engine = PodTemplates.containers(workload(documents, "sluice-engine")).get(0);
            claim = envValue(engine, "SLUICE_KUBERNETES_CHECKPOINT_CLAIM");
            assertThat(fieldRef(engine, "SLUICE_KUBERNETES_OWNER_POD_NAME")).isEqualTo("metadata.name");
            assertThat(fieldRef(engine, "SLUICE_KUBERNETES_OWNER_POD_UID")).isEqualTo("metadata.uid");
        }
        Document pvc = kind(documents, "PersistentVolumeClaim").stream().filter(d -> d.name().equals(claim))
                .findFirst().orElseThrow(() -> new AssertionError(dir + " has no PersistentVolumeClaim " + claim));
        assertThat(Yamls.asList(Yamls.map(pvc.content(), "spec").get("accessModes"), "accessModes"))
                .as(pvc + ": all workers mount it at once").containsExactly("ReadWriteMany");
    }

    /**
     * Jar jobs: workers fetch the job's jar from the engine's REST Service (session: the worker Deployment's
     * sluice.worker.jars.engine-url; native and application: sluice.kubernetes.engine-url, which the engine hands to
     * the worker pods it creates).
     */
    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/native", "k8s/application"})
    void workers_fetch_jars_from_the_engine_service(String dir) {
        List<Document> documents = Repository.documents(Repository.ROOT.resolve(dir));
        String variable = dir.equals("k8s") ? "SLUICE_WORKER_JARS_ENGINE_URL" : "SLUICE_KUBERNETES_ENGINE_URL";
        String property = dir.equals("k8s") ? "sluice.worker.jars.engine-url" : "sluice.kubernetes.engine-url";
        SluiceApp app = dir.equals("k8s") ? SluiceApp.WORKER : SluiceApp.ENGINE;
        assertThat(app.propertyOfEnv(variable)).contains(property);
        String url = envValue(PodTemplates.containers(workload(documents, dir.equals("k8s") ? "sluice-worker" : "sluice-engine"))
                .get(0), variable);

        Document service = kind(documents, "Service").stream().filter(s -> s.name().equals("sluice-engine"))
                .findFirst().orElseThrow();
        Object port = Yamls.asMap(Yamls.asList(Yamls.map(service.content(), "spec").get("ports"), "ports").get(0), "port")
                .get("port");
        assertThat(url).isEqualTo("http://" + service.name() + ":" + port);
    }

    @Test
    void the_application_mode_job_is_a_valid_job_spec() {
        List<Document> documents = Repository.documents(Repository.K8S.resolve("application"));
        Document jobConfigMap = kind(documents, "ConfigMap").stream().filter(d -> d.name().equals("sluice-job"))
                .findFirst().orElseThrow();
        String spec = (String) Yamls.map(jobConfigMap.content(), "data").get("job.json");

        assertThat(JobSpecParser.parse(spec, ExpressionSandbox.standard()::check).vertices()).hasSize(4);
        Map<String, Object> engine = PodTemplates.containers(workload(documents, "sluice-engine")).get(0);
        String jobFile = PodTemplates.env(engine).stream().filter(e -> e.get("name").equals("SLUICE_APPLICATION_JOB_FILE"))
                .map(e -> (String) e.get("value")).findFirst().orElseThrow();
        Map<String, Object> mount = Yamls.asMap(Yamls.asList(engine.get("volumeMounts"), "volumeMounts").get(0), "mount");
        assertThat(jobFile).isEqualTo(mount.get("mountPath") + "/job.json");
    }

    private static String envValue(Map<String, Object> container, String name) {
        return PodTemplates.env(container).stream().filter(e -> name.equals(e.get("name")))
                .map(e -> (String) e.get("value")).filter(v -> v != null)
                .findFirst().orElseThrow(() -> new AssertionError("no value for " + name));
    }

    private static String fieldRef(Map<String, Object> container, String name) {
        return PodTemplates.env(container).stream().filter(e -> name.equals(e.get("name")))
                .map(e -> (String) Yamls.at(e, "valueFrom.fieldRef").get("fieldPath"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    private static Set<String> referencedVariables(Map<String, Object> container) {
        Set<String> names = new HashSet<>();
        for (Map<String, Object> env : PodTemplates.env(container)) {
            if (env.get("value") instanceof String value) {
                Matcher m = ENV_REFERENCE.matcher(value);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static List<Document> workloads(List<Document> documents) {
        return documents.stream().filter(d -> PodTemplates.WORKLOADS.contains(d.kind())).toList();
    }

    private static Document workload(List<Document> documents, String name) {
        return workloads(documents).stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<Document> kind(List<Document> documents, String kind) {
        return documents.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    private static Set<String> names(List<Document> documents, String kind) {
        return new HashSet<>(kind(documents, kind).stream().map(Document::name).toList());
    }
}
