package io.sluice.worker.config;

import io.sluice.worker.state.StateBackendKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class WorkerPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({WorkerProperties.class, UserJarProperties.class})
    static class Bound {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void defaults() {
        runner.run(context -> {
            WorkerProperties properties = context.getBean(WorkerProperties.class);
            assertThat(properties.id()).matches("worker-[0-9a-f]{8}");
            assertThat(properties.slots()).isEqualTo(2);
            assertThat(properties.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.dataDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "sluice-worker"));
            assertThat(properties.advertisedAddress()).isNull();
            assertThat(properties.stateBackend()).isEqualTo(StateBackendKind.CHRONICLE);
            assertThat(properties.stateExpectedEntries()).isEqualTo(100_000);
            assertThat(properties.channelCompression()).isEqualTo("none");
        });
    }

    @Test
    void generated_id_is_stable_within_the_process() {
        WorkerProperties first = new WorkerProperties(null, 1, Duration.ofSeconds(1), null, null, null, null, 1, null);
        WorkerProperties second = new WorkerProperties(" ", 1, Duration.ofSeconds(1), null, "", null, null, 1, null);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.advertisedAddress()).isNull();
    }

    @Test
    void binds_configured_values() {
        runner.withPropertyValues(
                        "sluice.worker.id=w-7",
                        "sluice.worker.slots=8",
                        "sluice.worker.heartbeat-interval=500ms",
                        "sluice.worker.data-dir=/var/lib/sluice",
                        "sluice.worker.advertised-address=worker-7:9000",
                        "sluice.worker.checkpoint-dir=/shared/checkpoints",
                        "sluice.worker.state-backend=heap",
                        "sluice.worker.state-expected-entries=5000",
                        "sluice.worker.channel-compression=zstd")
                .run(context -> assertThat(context.getBean(WorkerProperties.class)).isEqualTo(new WorkerProperties(
                        "w-7", 8, Duration.ofMillis(500), Path.of("/var/lib/sluice"), "worker-7:9000",
                        Path.of("/shared/checkpoints"), StateBackendKind.HEAP, 5000, "zstd")));
    }

    @Test
    void rejects_an_unknown_channel_compression_naming_the_field() {
        runner.withPropertyValues("sluice.worker.channel-compression=brotli").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("channelCompression");
        });
    }

    @Test
    void rejects_zero_slots_and_a_zero_heartbeat_interval() {
        runner.withPropertyValues("sluice.worker.slots=0", "sluice.worker.heartbeat-interval=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("slots")
                    .hasMessageContaining("heartbeatInterval");
        });
    }

    @Test
    void the_jar_cache_defaults_to_the_temporary_directory_not_a_literal_placeholder() {
        runner.run(context -> assertThat(context.getBean(UserJarProperties.class).cacheDir())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "sluice-worker-jars")));
    }
}
