package io.sluice.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.job.JobDefaults;
import io.sluice.graph.RestartStrategyConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class EnginePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({EngineProperties.class, JarProperties.class})
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
                .run(context -> {
                    EngineProperties properties = context.getBean(EngineProperties.class);
                    assertThat(properties.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(properties.tickInterval()).isEqualTo(Duration.ofSeconds(1));
                });
    }

    @Test
    void defaultsToNoHaDirectoryOneRetainedCheckpointAndFixedDelayRestarts() {
        runner.run(context -> {
            EngineProperties properties = context.getBean(EngineProperties.class);
            assertThat(properties.haDir()).isNull();
            assertThat(properties.jobDefaults())
                    .isEqualTo(new JobDefaults(1, new RestartStrategyConfig.FixedDelay(3, 1000)));
        });
    }

    @Test
    void bindsTheClusterDefaultRestartStrategyUnderFlinksNames() {
        runner.withPropertyValues("sluice.engine.restart-strategy.type=exponential-delay",
                        "sluice.engine.restart-strategy.initial-backoff=2s",
                        "sluice.engine.restart-strategy.backoff-multiplier=1.5",
                        "sluice.engine.retained-checkpoints=3", "sluice.engine.ha-dir=/var/sluice/ha")
                .run(context -> {
                    EngineProperties properties = context.getBean(EngineProperties.class);
                    assertThat(properties.haDir()).isEqualTo(Path.of("/var/sluice/ha"));
                    assertThat(properties.jobDefaults()).isEqualTo(new JobDefaults(3,
                            new RestartStrategyConfig.ExponentialDelay(2000, 300_000, 1.5, 3_600_000, 0.1)));
                });
        runner.withPropertyValues("sluice.engine.restart-strategy.type=failure-rate",
                        "sluice.engine.restart-strategy.max-failures-per-interval=4",
                        "sluice.engine.restart-strategy.failure-rate-interval=10m")
                .run(context -> assertThat(context.getBean(EngineProperties.class).jobDefaults().restartStrategy())
                        .isEqualTo(new RestartStrategyConfig.FailureRate(4, 600_000, 1000)));
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

    @Test
    void keepsUploadedJarsInTheTemporaryDirectoryNotALiteralPlaceholder() {
        runner.run(context -> assertThat(context.getBean(JarProperties.class).dir())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "sluice-jars")));
    }
}
