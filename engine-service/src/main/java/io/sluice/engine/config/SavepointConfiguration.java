package io.sluice.engine.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link SavepointProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SavepointProperties.class)
public class SavepointConfiguration {}
