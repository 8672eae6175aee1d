package io.sluice.engine.config;

import io.sluice.engine.savepoint.DefaultSavepointDirectory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@link SavepointProperties} and hands the web layer the default savepoint directory. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SavepointProperties.class)
public class SavepointConfiguration {

    @Bean
    DefaultSavepointDirectory defaultSavepointDirectory(SavepointProperties properties) {
        return new DefaultSavepointDirectory(properties.savepointDir());
    }
}
