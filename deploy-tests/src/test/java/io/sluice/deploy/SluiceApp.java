package io.sluice.deploy;

import io.sluice.engine.application.ApplicationModeProperties;
import io.sluice.engine.config.EngineProperties;
import io.sluice.engine.config.JarProperties;
import io.sluice.engine.kubernetes.KubernetesProperties;
import io.sluice.worker.config.UserJarProperties;
import io.sluice.worker.config.WorkerProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the deployment files may configure in each application: its own {@code @ConfigurationProperties}, the
 * Spring Boot properties (from Boot's configuration metadata on the classpath), and its own configuration file.
 */
enum SluiceApp {
    ENGINE("sluice-engine", "sluice/engine", List.of(EngineProperties.class, KubernetesProperties.class, ApplicationModeProperties.class,
            JarProperties.class)),
    WORKER("sluice-worker", "sluice/worker", List.of(WorkerProperties.class, UserJarProperties.class));

    private final String applicationName;
    private final String image;
    private final List<Class<? extends Record>> properties;

    SluiceApp(String applicationName, String image, List<Class<? extends Record>> properties) {
        this.applicationName = applicationName;
        this.image = image;
        this.properties = properties;
    }

    /** The application an image reference ({@code [registry/]sluice/worker[:tag]}) runs, if it is one of ours. */
    static Optional<SluiceApp> ofImage(String reference) {
        String withoutTag = reference.replaceFirst(":[^:/]+$", "");
        for (SluiceApp app : values()) {
            if (withoutTag.equals(app.image) || withoutTag.endsWith("/" + app.image)) {
                return Optional.of(app);
            }
        }
        return Optional.empty();
    }

    /** Property names (canonical, kebab-case) this application binds. */
    Set<String> propertyNames() {
        Set<String> names = new TreeSet<>(BootMetadata.NAMES);
        for (Class<? extends Record> type : properties) {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            for (var component : type.getRecordComponents()) {
                names.add(prefix + "." + kebab(component.getName()));
            }
        }
        return names;
    }

    /**
     * The property an environment variable sets under Spring's relaxed binding ({@code SLUICE_WORKER_SLOTS} →
     * {@code sluice.worker.slots}; dashes dropped or written as underscores), if this application has it.
     */
    Optional<String> propertyOfEnv(String variable) {
        return propertyNames().stream()
                .filter(p -> {
                    String upper = p.toUpperCase().replace('.', '_');
                    return variable.equals(upper.replace("-", "")) || variable.equals(upper.replace('-', '_'));
                })
                .findFirst();
    }

    /** This application's own configuration file, flattened to dotted keys. */
    Map<String, Object> applicationYml() {
        try (InputStream in = applicationYmlUrl().openStream()) {
            return flatten("", new Yaml().load(in), new LinkedHashMap<>());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code sluice-engine.yml} or {@code sluice-worker.yml}: each application's {@code spring.config.name}. */
    URL applicationYmlUrl() {
        URL url = SluiceApp.class.getClassLoader().getResource(configName() + ".yml");
        if (url == null) {
            throw new AssertionError("no " + configName() + ".yml on the classpath");
        }
        return url;
    }

    /** engine or worker: the compose service, the Dockerfile's APP. */
    String shortName() {
        return applicationName.substring("sluice-".length());
    }

    /** The application's {@code spring.config.name}, which is also its {@code spring.application.name}. */
    String configName() {
        return applicationName;
    }

    int serverPort() {
        return ((Number) applicationYml().get("server.port")).intValue();
    }

    private static Map<String, Object> flatten(String prefix, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, into));
        } else {
            into.put(prefix, value);
        }
        return into;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** Every property Spring Boot documents in the metadata of the jars on the classpath. */
    private static final class BootMetadata {
        static final Set<String> NAMES = load();

        private static Set<String> load() {
            Set<String> names = new TreeSet<>();
            JsonMapper json = JsonMapper.builder().build();
            try {
                for (URL url : Collections.list(SluiceApp.class.getClassLoader()
                        .getResources("META-INF/spring-configuration-metadata.json"))) {
                    try (InputStream in = url.openStream()) {
                        for (JsonNode property : json.readTree(in).path("properties")) {
                            names.add(property.path("name").asString());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return names;
        }
    }
}
