package io.sluice.engine.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Uploaded jars ({@code sluice.engine.jars.*}).
 *
 * @param dir where uploaded jars are kept (jars found there at start are listed again); default
 *     {@code <java.io.tmpdir>/sluice-jars}, set here because {@code @DefaultValue} does not resolve placeholders
 * @param maxSize largest accepted upload; larger ones get 413
 * @param programTimeout how long a jar's entry class may take to build its job graph before it is abandoned
 */
@Validated
@ConfigurationProperties("sluice.engine.jars")
public record JarProperties(
        Path dir,
        @NotNull @DefaultValue("100MB") DataSize maxSize,
        @NotNull @DurationMin(millis = 100) @DefaultValue("30s") Duration programTimeout) {

    public JarProperties {
        dir = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "sluice-jars");
    }
}
