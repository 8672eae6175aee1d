package io.sluice.engine.application;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Application mode ({@code sluice.application.*}), like Flink's: the engine runs the one job of {@code jobFile}
 * and stops when it ends.
 *
 * @param jobFile the JSON job spec to run; unset, the engine is a session cluster
 * @param pollInterval how often the job's state is checked
 * @param exitOnCompletion exit the JVM when the job ends (code 0 finished, 1 failed, 2 cancelled)
 */
@Validated
@ConfigurationProperties("sluice.application")
public record ApplicationModeProperties(
        Path jobFile,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("true") boolean exitOnCompletion) {}
