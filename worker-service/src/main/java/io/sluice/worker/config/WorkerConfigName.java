package io.sluice.worker.config;

import io.sluice.worker.WorkerApplication;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A worker reads {@code sluice-worker.yml} (and {@code sluice-worker-<profile>.yml}, {@code ./config/sluice-worker.yml},
 * …) instead of Boot's {@code application.yml}, so that a worker and the engine on one classpath (the in-JVM
 * cluster tests) each read their own. Applies however the worker is started (main, a builder, a Spring Boot test);
 * {@code spring.config.name} set anywhere else wins.
 */
public final class WorkerConfigName implements EnvironmentPostProcessor, Ordered {

    public static final String NAME = "sluice-worker";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (application.getAllSources().contains(WorkerApplication.class)) {
            environment.getPropertySources().addLast(
                    new MapPropertySource(NAME + "-config-name", Map.of("spring.config.name", NAME)));
        }
    }

    /** Before the config files are read. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }
}
