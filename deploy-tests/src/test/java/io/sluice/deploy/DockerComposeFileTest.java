package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docker-compose.yml read against the applications' configuration, and by docker-compose itself where present. */
class DockerComposeFileTest {

    private final Map<String, Object> compose = Repository.load(Repository.COMPOSE);
    private final Map<String, Object> services = Yamls.map(compose, "services");

    @Test
    void docker_compose_accepts_the_file() throws Exception {
        assumeTrue(Tool.onPath("docker-compose"), "docker-compose is not on the PATH (apt-get install docker-compose)");
        Tool.Result result = Tool.run(Repository.ROOT, Duration.ofSeconds(60),
                List.of("docker-compose", "-f", Repository.COMPOSE.toString(), "config", "-q"));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void kafka_engine_and_workers() {
        assertThat(services).containsOnlyKeys("kafka", "engine", "worker");
        assertThat(app("engine")).contains(SluiceApp.ENGINE);
        assertThat(app("worker")).contains(SluiceApp.WORKER);
    }

    @Test
    void environment_variables_are_properties_of_the_application() {
        List<String> problems = new ArrayList<>();
        for (String name : List.of("engine", "worker")) {
            SluiceApp app = app(name).orElseThrow();
            Yamls.map(service(name), "environment").keySet().stream()
                    .filter(variable -> app.propertyOfEnv(variable).isEmpty())
                    .forEach(variable -> problems.add(name + ": " + variable + " is no property of " + app));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_engine_publishes_its_server_port_and_workers_can_scale() {
        int port = SluiceApp.ENGINE.serverPort();
        assertThat(Yamls.listOrEmpty(service("engine"), "ports")).containsExactly(port + ":" + port);
        // --scale worker=N needs replicas without a fixed name or host port
        assertThat(service("worker")).doesNotContainKeys("container_name", "ports");
    }

    @Test
    void services_wait_for_healthy_dependencies_checked_on_real_actuator_paths() {
        for (String name : List.of("engine", "worker")) {
            List<Object> test = Yamls.asList(Yamls.at(service(name), "healthcheck").get("test"), name);
            assertThat(test).as(name).containsExactly("CMD", "sluice-healthcheck", "/actuator/health/readiness");
        }
        services.forEach((name, s) -> {
            Map<String, Object> dependsOn = Yamls.mapOrEmpty(Yamls.asMap(s, name), "depends_on");
            dependsOn.forEach((dependency, condition) -> {
                assertThat(Yamls.asMap(condition, name).get("condition")).isEqualTo("service_healthy");
                assertThat(service(dependency)).as(name + " waits for " + dependency).containsKey("healthcheck");
            });
        });
        assertThat(SluiceApp.ENGINE.applicationYml().get("management.endpoint.health.probes.enabled")).isEqualTo(true);
        assertThat(SluiceApp.WORKER.applicationYml().get("management.endpoint.health.probes.enabled")).isEqualTo(true);
    }

    @Test
    void every_service_has_a_memory_limit_and_named_volumes_are_declared() {
        Map<String, Object> declared = Yamls.mapOrEmpty(compose, "volumes");
        services.forEach((name, s) -> {
            Map<String, Object> service = Yamls.asMap(s, name);
            assertThat(Yamls.at(service, "deploy.resources.limits").get("memory")).as(name).isNotNull();
            for (Object volume : Yamls.listOrEmpty(service, "volumes")) {
                String spec = (String) volume;
                if (spec.contains(":") && !spec.startsWith("/") && !spec.startsWith(".")) {
                    assertThat(declared).as(name + " volume " + spec).containsKey(spec.substring(0, spec.indexOf(':')));
                }
            }
        });
    }

    /** A task restarted on another worker reads the snapshots the lost one wrote: one volume, mounted by all. */
    @Test
    void workers_write_checkpoints_to_one_named_volume_they_all_mount() {
        Map<String, Object> worker = service("worker");
        Object checkpointDir = Yamls.map(worker, "environment").get("SLUICE_WORKER_CHECKPOINT_DIR");
        assertThat(checkpointDir).as("SLUICE_WORKER_CHECKPOINT_DIR").isNotNull();
        assertThat(SluiceApp.WORKER.propertyOfEnv("SLUICE_WORKER_CHECKPOINT_DIR")).contains("sluice.worker.checkpoint-dir");
        String volume = Yamls.listOrEmpty(worker, "volumes").stream().map(String::valueOf)
                .filter(v -> v.endsWith(":" + checkpointDir))
                .map(v -> v.substring(0, v.indexOf(':')))
                .findFirst().orElseThrow(() -> new AssertionError("no volume mounted at " + checkpointDir));
        assertThat(Yamls.mapOrEmpty(compose, "volumes")).as("a named volume, shared by the replicas").containsKey(volume);
    }

    private Map<String, Object> service(String name) {
        return Yamls.map(services, name);
    }

    private Optional<SluiceApp> app(String service) {
        return SluiceApp.ofImage((String) service(service).get("image"));
    }
}
