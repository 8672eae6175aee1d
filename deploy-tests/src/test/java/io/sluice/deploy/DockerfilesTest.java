package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The images' Dockerfiles against the build and the applications: no Docker engine here to build them, so what
 * can go stale is checked instead (jar name, port, the JVM flags Chronicle Map needs, health check, user).
 */
class DockerfilesTest {

    @ParameterizedTest
    @EnumSource(SluiceApp.class)
    void dockerfile_matches_the_build_and_the_application(SluiceApp app) throws Exception {
        String module = app == SluiceApp.ENGINE ? "engine-service" : "worker-service";
        String dockerfile = Repository.read(Repository.ROOT.resolve(module).resolve("Dockerfile"));
        int port = app.serverPort();

        assertThat(dockerfile).contains("ARG JAR_FILE=" + module + "/target/" + module + "-0.1.0-SNAPSHOT-exec.jar");
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jdk");
        assertThat(dockerfile).contains("extract --layers --launcher");
        assertThat(dockerfile).contains("EXPOSE " + port + "\n", "SERVER_PORT=" + port + " ");
        assertThat(dockerfile).containsPattern("(?m)^USER 10001");
        assertThat(dockerfile).contains("COPY --chmod=755 docker/healthcheck.sh /usr/local/bin/sluice-healthcheck");
        assertThat(dockerfile).contains("HEALTHCHECK").contains("CMD [\"sluice-healthcheck\"]");
        assertThat(dockerfile).contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
        assertThat(Files.isExecutable(Repository.ROOT.resolve("docker/healthcheck.sh"))).isTrue();

        String toolOptions = javaToolOptions(dockerfile);
        assertThat(toolOptions).contains("-XX:MaxRAMPercentage=75");
        assertThat(Arrays.asList(toolOptions.split("\\s+"))).containsAll(chronicleFlags());
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
