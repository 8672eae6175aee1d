package io.sluice.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class EnginePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EngineProperties.class)
    static class PropertiesOnly {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsToATenSecondTimeoutAndHalfSecondTicks() {
        runner.run(context -> {
            EngineProperties properties = context.getBean(EngineProperties.class);
            assertThat(properties.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.tickInterval()).isEqualTo(Duration.ofMillis(500));
        });
    }

    @Test
    void bindsKebabCaseDurations() {
        runner.withPropertyValues("sluice.engine.heartbeat-timeout=30s", "sluice.engine.tick-interval=1s")
                .run(context -> assertThat(context.getBean(EngineProperties.class))
                        .isEqualTo(new EngineProperties(Duration.ofSeconds(30), Duration.ofSeconds(1), null, 1)));
    }

    @Test
    void rejectsATickThatIsNotShorterThanTheTimeout() {
        runner.withPropertyValues("sluice.engine.heartbeat-timeout=1s", "sluice.engine.tick-interval=1s")
                .run(context -> assertThat(context).getFailure()
                        .rootCause().hasMessageContaining("tick-interval must be shorter than heartbeat-timeout"));
    }

    @Test
    void rejectsAZeroTimeout() {
        runner.withPropertyValues("sluice.engine.heartbeat-timeout=0s")
                .run(context -> assertThat(context).hasFailed());
    }
}
