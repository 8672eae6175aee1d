package io.sluice.engine.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Savepoint settings ({@code sluice.engine.*}), like Flink's {@code state.savepoints.dir}.
 *
 * @param savepointDir where savepoints go when a request names no target directory (an absolute path or a
 *     {@code file:} URI readable and writable by the engine and every worker); unset: requests must name one
 */
@Validated
@ConfigurationProperties("sluice.engine")
public record SavepointProperties(String savepointDir) {}
