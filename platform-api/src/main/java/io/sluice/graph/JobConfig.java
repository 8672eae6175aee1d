package io.sluice.graph;

/**
 * Job-wide settings.
 *
 * @param parallelism default parallelism of operators that do not set their own
 * @param maxParallelism number of key groups; the upper bound for rescaling keyed state
 * @param checkpointing how the job is checkpointed, or null when checkpointing is off
 * @param restartStrategy how the job restarts after a failure, or null for the default
 * @param savepointRestore the savepoint the job starts from, or null to start from scratch
 */
public record JobConfig(int parallelism, int maxParallelism, CheckpointingConfig checkpointing,
        RestartStrategyConfig restartStrategy, SavepointRestoreSettings savepointRestore) {

    public static final int DEFAULT_MAX_PARALLELISM = 128;

    /** Without checkpointing. */
    public JobConfig(int parallelism, int maxParallelism) {
        this(parallelism, maxParallelism, null, null);
    }

    /** Starting from scratch. */
    public JobConfig(int parallelism, int maxParallelism, CheckpointingConfig checkpointing,
            RestartStrategyConfig restartStrategy) {
        this(parallelism, maxParallelism, checkpointing, restartStrategy, null);
    }

    /** With the default restart strategy. */
    public JobConfig(int parallelism, int maxParallelism, CheckpointingConfig checkpointing) {
        this(parallelism, maxParallelism, checkpointing, null);
    }

    /**
     * The restart strategy in effect: the configured one, else {@code clusterDefault} for checkpointed jobs and no
     * restart for the others (Flink's rule).
     */
    public RestartStrategyConfig effectiveRestartStrategy(RestartStrategyConfig clusterDefault) {
        if (restartStrategy != null) {
            return restartStrategy;
        }
        return checkpointing == null ? RestartStrategyConfig.NONE : clusterDefault;
    }

    /** The same settings, starting from {@code savepoint}. */
    public JobConfig withSavepointRestore(SavepointRestoreSettings savepoint) {
        return new JobConfig(parallelism, maxParallelism, checkpointing, restartStrategy, savepoint);
    }

    public static JobConfig defaults() {
        return new JobConfig(1, DEFAULT_MAX_PARALLELISM);
    }
}
