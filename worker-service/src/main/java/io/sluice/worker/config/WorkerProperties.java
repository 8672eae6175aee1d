package io.sluice.worker.config;

import io.sluice.worker.state.StateBackendKind;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of a worker ({@code sluice.worker.*}).
 *
 * @param id unique worker id; blank for a generated {@code worker-<8 hex>}, the same for the life of the process
 * @param slots tasks this worker runs at once
 * @param heartbeatInterval time between heartbeats
 * @param dataDir where workers keep local files (keyed state), each in {@code <dataDir>/<id>/}; may be shared by
 *     the workers of one host
 * @param advertisedAddress host:port the engine shows for this worker; blank for this host and the server port
 * @param checkpointDir root of checkpoint storage; must survive the loss of this worker (shared by all workers)
 * @param stateBackend where tasks keep keyed state: {@code chronicle} (off-heap files under the data dir) or
 *     {@code heap}
 * @param stateExpectedEntries entries each operator subtask's Chronicle Map is first sized for (it grows if needed)
 * @param channelCompression Kafka compression of the records between tasks: {@code none} (default: fastest where
 *     workers and brokers share a fast network), {@code lz4}, {@code zstd}, {@code snappy} or {@code gzip}
 */
@Validated
@ConfigurationProperties("sluice.worker")
public record WorkerProperties(
        String id,
        @DefaultValue("2") @Min(1) int slots,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration heartbeatInterval,
        Path dataDir,
        String advertisedAddress,
        Path checkpointDir,
        @DefaultValue("chronicle") @NotNull StateBackendKind stateBackend,
        @DefaultValue("100000") @Min(1) long stateExpectedEntries,
        @DefaultValue("none") @NotNull @Pattern(regexp = "none|lz4|zstd|snappy|gzip") String channelCompression) {

    public WorkerProperties {
        id = id == null || id.isBlank() ? GeneratedId.VALUE : id.strip();
        dataDir = dataDir != null ? dataDir : Path.of(System.getProperty("java.io.tmpdir"), "sluice-worker");
        checkpointDir = checkpointDir != null
                ? checkpointDir
                : Path.of(System.getProperty("java.io.tmpdir"), "sluice-checkpoints");
        stateBackend = stateBackend != null ? stateBackend : StateBackendKind.CHRONICLE;
        channelCompression = channelCompression != null ? channelCompression : "none";
        advertisedAddress = advertisedAddress == null || advertisedAddress.isBlank() ? null : advertisedAddress.strip();
    }

    /** Generated once per process, however often the properties are bound. */
    private static final class GeneratedId {
        static final String VALUE = generate();

        private static String generate() {
            byte[] bytes = new byte[4];
            new SecureRandom().nextBytes(bytes);
            return "worker-" + HexFormat.of().formatHex(bytes);
        }
    }
}
