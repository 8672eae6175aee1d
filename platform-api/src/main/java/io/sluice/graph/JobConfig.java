package io.sluice.graph;

/**
 * Job-wide settings.
 *
 * @param parallelism default parallelism of operators that do not set their own
 * @param maxParallelism number of key groups; the upper bound for rescaling keyed state
 * @param checkpointing how the job is checkpointed, or null when checkpointing is off
 * @param restartStrategy how the job restarts after a failure, or null for the default
 * @param errorPolicy what happens to records that cannot be processed ({@link ErrorPolicy#FAIL} when null)
 */
public record JobConfig(
        int parallelism,
        int maxParallelism,
        CheckpointingConfig checkpointing,
        RestartStrategyConfig restartStrategy,
        ErrorPolicy errorPolicy) {

    public JobConfig {
        errorPolicy = errorPolicy == null ? ErrorPolicy.FAIL : errorPolicy;
    }

    /** Failing on bad records. */
    public JobConfig(
            int parallelism, int maxParallelism, CheckpointingConfig checkpointing, RestartStrategyConfig restartStrategy) {
        this(parallelism, maxParallelism, checkpointing, restartStrategy, ErrorPolicy.FAIL);
    }

    public static final int DEFAULT_MAX_PARALLELISM = 128;

    /** Without checkpointing. */
    public JobConfig(int parallelism, int maxParallelism) {
        this(parallelism, maxParallelism, null, null);
    }

    /** With the default restart strategy. */
    public JobConfig(int parallelism, int maxParallelism, CheckpointingConfig checkpointing) {
        this(parallelism, maxParallelism, checkpointing, null);
    }

    /** The restart strategy in effect: the configured one, else restarts only for checkpointed jobs. */
    public RestartStrategyConfig effectiveRestartStrategy() {
        if (restartStrategy != null) {
            return restartStrategy;
        }
        return checkpointing == null ? RestartStrategyConfig.NONE : RestartStrategyConfig.DEFAULT;
    }

    public static JobConfig defaults() {
        return new JobConfig(1, DEFAULT_MAX_PARALLELISM);
    }
}
