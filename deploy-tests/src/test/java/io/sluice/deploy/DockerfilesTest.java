package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docker/Dockerfile, the one Dockerfile of both images, against the build and the applications: no Docker engine
 * here to build it, so what can go stale is checked instead (jar names, ports, the JVM flags Chronicle Map needs,
 * health check, user, and that docker-compose.yml builds each service's image with the right APP).
 */
class DockerfilesTest {

    private static final String DOCKERFILE = Repository.read(Repository.ROOT.resolve("docker/Dockerfile"));

    @ParameterizedTest
    @EnumSource(SluiceApp.class)
    void the_dockerfile_builds_each_application_from_its_jar_on_its_port(SluiceApp app) throws Exception {
        String name = app.shortName();
        String module = name + "-service";
        int port = app.serverPort();

        // ${APP}-service/target/${APP}-service-<version>-exec.jar, the executable jar the module's build makes.
        assertThat(DOCKERFILE).contains("ARG JAR_FILE=${APP}-service/target/${APP}-service-0.1.0-SNAPSHOT-exec.jar");
        assertThat(Repository.read(Repository.ROOT.resolve(module).resolve("pom.xml")))
                .contains("<artifactId>" + module + "</artifactId>").contains("<classifier>exec</classifier>");
        assertThat(DOCKERFILE).contains("FROM runtime AS app-" + name + "\nENV SERVER_PORT=" + port + "\nEXPOSE " + port + "\n");
        assertThat(DOCKERFILE).containsPattern("(?m)^FROM app-\\$\\{APP\\}$");
    }

    @Test
    void the_runtime_is_a_jdk_with_the_chronicle_flags_as_a_non_root_user() {
        assertThat(DOCKERFILE).containsPattern("(?m)^ARG APP=engine$");
        assertThat(DOCKERFILE).contains("FROM eclipse-temurin:17-jdk AS runtime");
        assertThat(DOCKERFILE).contains("extract --layers --launcher");
        assertThat(DOCKERFILE).containsPattern("(?m)^USER 10001");
        // Checkpoint and data volumes mounted at these paths start out owned by the image's user.
        assertThat(DOCKERFILE).contains("mkdir -p /var/lib/sluice/data /var/lib/sluice/checkpoints")
                .contains("chown -R sluice:sluice /var/lib/sluice");
        assertThat(DOCKERFILE).contains("COPY --chmod=755 docker/healthcheck.sh /usr/local/bin/sluice-healthcheck");
        assertThat(DOCKERFILE).contains("HEALTHCHECK").contains("CMD [\"sluice-healthcheck\"]");
        assertThat(DOCKERFILE).contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
        assertThat(Files.isExecutable(Repository.ROOT.resolve("docker/healthcheck.sh"))).isTrue();

        String toolOptions = javaToolOptions(DOCKERFILE);
        assertThat(toolOptions).contains("-XX:MaxRAMPercentage=75");
        assertThat(Arrays.asList(toolOptions.split("\\s+"))).containsAll(chronicleFlags());
    }

    @Test
    void docker_compose_builds_each_image_from_the_dockerfile_with_its_app() {
        Map<String, Object> services = Yamls.map(Repository.load(Repository.COMPOSE), "services");
        for (SluiceApp app : SluiceApp.values()) {
            Map<String, Object> service = Yamls.map(services, app.shortName());
            assertThat(SluiceApp.ofImage((String) service.get("image"))).contains(app);
            Map<String, Object> build = Yamls.map(service, "build");
            assertThat(build.get("dockerfile")).isEqualTo("docker/Dockerfile");
            assertThat(Yamls.map(build, "args")).containsEntry("APP", app.shortName());
        }
    }

    /** The root pom's chronicle.jvm.args: what every JVM of the build runs with. */
    private static List<String> chronicleFlags() {
        String pom = Repository.read(Repository.ROOT.resolve("pom.xml"));
        Matcher m = Pattern.compile("<chronicle.jvm.args>(.*?)</chronicle.jvm.args>").matcher(pom);
        assertThat(m.find()).isTrue();
        return Arrays.asList(m.group(1).strip().split("\\s+"));
    }

    private static String javaToolOptions(String dockerfile) {
        Matcher m = Pattern.compile("JAVA_TOOL_OPTIONS=\"(.*?)\"", Pattern.DOTALL).matcher(dockerfile);
        assertThat(m.find()).as("JAVA_TOOL_OPTIONS in the Dockerfile").isTrue();
        return m.group(1).replace("\\\n", " ");
    }
}
