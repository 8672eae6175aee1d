package io.sluice.engine.config;

import io.sluice.engine.jar.JarPrograms;
import io.sluice.engine.jar.JarStore;
import io.sluice.engine.jar.ProgramRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;

/** Jar uploads and the runner of their entry classes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JarProperties.class)
public class JarConfiguration {

    @Bean
    JarStore jarStore(JarProperties properties) {
        return new JarStore(properties.dir(), properties.maxSize().toBytes(), JarConfiguration.class.getClassLoader());
    }

    @Bean
    JarPrograms jarPrograms(JarStore store, JarProperties properties) {
        return new JarPrograms(store,
                new ProgramRunner(JarConfiguration.class.getClassLoader(), properties.programTimeout()));
    }

    /** The multipart reader stops buffering an upload to disk once it passes the jar size limit. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer jarUploadLimit(JarProperties properties) {
        long limit = properties.maxSize().toBytes() + 1;
        return configurer -> configurer.defaultCodecs().configureDefaultCodec(codec -> {
            if (codec instanceof DefaultPartHttpMessageReader reader) {
                reader.setMaxDiskUsagePerPart(limit);
            }
        });
    }
}
