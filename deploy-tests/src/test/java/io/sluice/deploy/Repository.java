package io.sluice.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The deployment files of the repository, parsed as plain YAML (maps, lists, scalars). */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("sluice.repository.root", "..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");

    private Repository() {}

    /** One YAML document of a manifest file. */
    record Document(Path file, Map<String, Object> content) {

        String kind() {
            return (String) content.get("kind");
        }

        String name() {
            return (String) Yamls.map(content, "metadata").get("name");
        }

        @Override
        public String toString() {
            return ROOT.relativize(file) + " " + kind() + "/" + name();
        }
    }

    /** The manifest files directly in {@code dir} (not kustomization.yaml). */
    static List<Path> manifestFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of every manifest file in {@code dir}; a file that is not YAML fails here. */
    static List<Document> documents(Path dir) {
        List<Document> documents = new ArrayList<>();
        for (Path file : manifestFiles(dir)) {
            for (Object doc : yaml().loadAll(read(file))) {
                if (doc != null) {
                    documents.add(new Document(file, Yamls.asMap(doc, file.toString())));
                }
            }
        }
        return documents;
    }

    static Map<String, Object> load(Path file) {
        return Yamls.asMap(yaml().load(read(file)), file.toString());
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Duplicate keys are errors: Kubernetes would silently keep one of them. */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(options);
    }
}
