package io.sluice.worker.config;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where a worker gets the jars of jar jobs ({@code sluice.worker.jars.*}).
 *
 * @param engineUrl the engine's REST address, which serves the jars
 * @param cacheDir where fetched jars are kept, named by checksum; default {@code <java.io.tmpdir>/sluice-worker-jars}
 *     (set here: {@code @DefaultValue} does not resolve placeholders)
 * @param fetchTimeout how long a fetch may take
 */
@Validated
@ConfigurationProperties("sluice.worker.jars")
public record UserJarProperties(
        @NotNull @DefaultValue("http://localhost:8081") URI engineUrl,
        Path cacheDir,
        @NotNull @DurationMin(millis = 100) @DefaultValue("60s") Duration fetchTimeout) {

    public UserJarProperties {
        cacheDir = cacheDir != null ? cacheDir : Path.of(System.getProperty("java.io.tmpdir"), "sluice-worker-jars");
    }
}
