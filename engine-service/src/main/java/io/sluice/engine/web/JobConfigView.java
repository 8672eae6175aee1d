package io.sluice.engine.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.engine.job.JobMaster;
import io.sluice.graph.CheckpointingConfig;
import io.sluice.graph.JobConfig;
import io.sluice.graph.RestartStrategyConfig;

/** {@code GET /jobs/{jobid}/config}: Flink's job configuration shape, with Sluice's settings. */
public record JobConfigView(String jid, String name, @JsonProperty("execution-config") ExecutionConfig executionConfig) {

    public record ExecutionConfig(
            @JsonProperty("job-parallelism") int jobParallelism,
            @JsonProperty("max-parallelism") int maxParallelism,
            Checkpointing checkpointing,
            @JsonProperty("restart-strategy") RestartStrategyConfig restartStrategy) {}

    /** Null when the job does not checkpoint. */
    public record Checkpointing(@JsonProperty("interval-ms") long intervalMillis, String mode,
            @JsonProperty("timeout-ms") long timeoutMillis) {}

    static JobConfigView of(JobMaster job) {
        JobConfig config = job.graph().config();
        CheckpointingConfig checkpointing = config.checkpointing();
        return new JobConfigView(job.id().hex(), job.name(), new ExecutionConfig(
                config.parallelism(),
                config.maxParallelism(),
                checkpointing == null ? null : new Checkpointing(checkpointing.intervalMillis(),
                        checkpointing.mode().name(), checkpointing.timeoutMillis()),
                job.restartStrategyConfig()));
    }
}
