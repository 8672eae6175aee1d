package io.sluice.engine.config;

import io.sluice.engine.EngineApplication;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The engine reads {@code sluice-engine.yml} (and {@code sluice-engine-<profile>.yml}, {@code ./config/sluice-engine.yml},
 * …) instead of Boot's {@code application.yml}, so that the engine and a worker on one classpath (the in-JVM
 * cluster tests) each read their own. Applies however the engine is started (main, a builder, a Spring Boot test);
 * {@code spring.config.name} set anywhere else wins.
 */
public final class EngineConfigName implements EnvironmentPostProcessor, Ordered {

    public static final String NAME = "sluice-engine";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (application.getAllSources().contains(EngineApplication.class)) {
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
