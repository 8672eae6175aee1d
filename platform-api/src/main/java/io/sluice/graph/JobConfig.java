package io.sluice.graph;

/**
 * Job-wide settings.
 *
 * @param parallelism default parallelism of operators that do not set their own
 * @param maxParallelism number of key groups; the upper bound for rescaling keyed state
 * @param checkpointing how the job is checkpointed, or null when checkpointing is off
 */
public record JobConfig(int parallelism, int maxParallelism, CheckpointingConfig checkpointing) {

    public static final int DEFAULT_MAX_PARALLELISM = 128;

    /** Without checkpointing. */
    public JobConfig(int parallelism, int maxParallelism) {
        this(parallelism, maxParallelism, null);
    }

    public static JobConfig defaults() {
        return new JobConfig(1, DEFAULT_MAX_PARALLELISM);
    }
}
