package io.sluice.engine.config;

import io.sluice.engine.job.JobDefaults;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Engine settings ({@code sluice.engine.*}).
 *
 * @param heartbeatTimeout a worker silent for longer is lost, and so are its tasks (workers beat every 2 s)
 * @param tickInterval how often the job manager expires workers and retries waiting jobs
 * @param haDir where jobs and their completed-checkpoint metadata are kept so that an engine restart resumes them
 *     (Flink's {@code high-availability.storageDir}); unset keeps them in memory only
 * @param retainedCheckpoints completed checkpoints kept per job; the state of older ones is deleted
 * @param restartStrategy for checkpointed jobs whose spec names none
 */
@Validated
@ConfigurationProperties("sluice.engine")
public record EngineProperties(
        @NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration heartbeatTimeout,
        @NotNull @DurationMin(millis = 10) @DefaultValue("500ms") Duration tickInterval,
        Path haDir,
        @Min(1) @DefaultValue("1") int retainedCheckpoints,
        @NotNull @DefaultValue RestartStrategyProperties restartStrategy) {

    /** What job specs leave out. @throws IllegalArgumentException if the restart strategy is invalid */
    public JobDefaults jobDefaults() {
        return new JobDefaults(retainedCheckpoints, restartStrategy.toConfig());
    }

    /** A tick must come around well within a heartbeat timeout, or expiry is detected late. */
    @AssertTrue(message = "tick-interval must be shorter than heartbeat-timeout")
    public boolean isTickShorterThanTimeout() {
        return heartbeatTimeout == null || tickInterval == null || tickInterval.compareTo(heartbeatTimeout) < 0;
    }
}
