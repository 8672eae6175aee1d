package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests through the offline tools Kubernetes users have (shared STACK.md §7): kustomize renders them,
 * the kubernetes-models schemas accept them. Each test is skipped, saying why, where its tool is missing.
 */
class KubernetesToolsTest {

    private static final String SCHEMA_PACKAGES = "kubernetes-models@5.1.0 yaml@2.9.1";
    /** Kept between runs: npm install is the slow part. */
    private static final Path SCHEMA_DIR = Path.of("target", "k8s-schema").toAbsolutePath();

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/native", "k8s/application"})
    void kustomize_renders_every_manifest(String dir) throws Exception {
        assumeTrue(Tool.onPath("kubectl"), "kubectl is not on the PATH");
        Tool.Result result = Tool.run(Repository.ROOT, Duration.ofSeconds(60), List.of("kubectl", "kustomize", dir));
        assertThat(result.exitCode()).as(result.output()).isZero();

        List<String> rendered = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(result.output())) {
            var content = Yamls.asMap(doc, "rendered");
            rendered.add(content.get("kind") + "/" + Yamls.map(content, "metadata").get("name"));
        }
        assertThat(rendered).containsExactlyInAnyOrderElementsOf(
                Repository.documents(Repository.ROOT.resolve(dir)).stream().map(d -> d.kind() + "/" + d.name()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s/native", "k8s/application"})
    void kubernetes_models_schemas_accept_every_manifest(String dir) throws Exception {
        assumeTrue(Tool.onPath("node") && Tool.onPath("npm"), "node and npm are not both on the PATH");
        installSchemas();
        List<String> command = new ArrayList<>(List.of("node", "validate-k8s.mjs"));
        Repository.manifestFiles(Repository.ROOT.resolve(dir)).forEach(f -> command.add(f.toString()));
        Tool.Result result = Tool.run(SCHEMA_DIR, Duration.ofSeconds(120), command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(l -> l.startsWith("ok ")))
                .hasSize(Repository.documents(Repository.ROOT.resolve(dir)).size());
    }

    private static void installSchemas() throws IOException, InterruptedException {
        Files.createDirectories(SCHEMA_DIR);
        try (InputStream script = KubernetesToolsTest.class.getResourceAsStream("/validate-k8s.mjs")) {
            Files.copy(script, SCHEMA_DIR.resolve("validate-k8s.mjs"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(SCHEMA_DIR.resolve("node_modules/kubernetes-models"))) {
            return;
        }
        Files.writeString(SCHEMA_DIR.resolve("package.json"), "{\"private\": true, \"type\": \"module\"}\n");
        List<String> install = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--silent"));
        install.addAll(List.of(SCHEMA_PACKAGES.split(" ")));
        Tool.Result result = Tool.run(SCHEMA_DIR, Duration.ofMinutes(3), install);
        if (result.exitCode() != 0) {
            String reason = "npm install " + SCHEMA_PACKAGES + " failed (offline?): " + result.output().strip();
            System.out.println("KubernetesToolsTest skips the schema check: " + reason);
            abort(reason);
        }
    }
}
