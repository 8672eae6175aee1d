package io.sluice.graph;

/**
 * Job-wide settings.
 *
 * @param parallelism default parallelism of operators that do not set their own
 * @param maxParallelism number of key groups; the upper bound for rescaling keyed state
 * @param checkpointing how the job is checkpointed, or null when checkpointing is off
 * @param restartStrategy how the job restarts after a failure, or null for the default
 * @param savepointRestore the savepoint the job starts from, or null to start from scratch
 * @param userJar the uploaded jar holding the job's classes, or null when they are on the workers' classpath
 * @param errorPolicy what happens to records that cannot be processed ({@link ErrorPolicy#FAIL} when null)
 */
public record JobConfig(
        int parallelism,
        int maxParallelism,
        CheckpointingConfig checkpointing,
        RestartStrategyConfig restartStrategy,
        SavepointRestoreSettings savepointRestore,
        UserJar userJar,
        ErrorPolicy errorPolicy) {

    public JobConfig {
        errorPolicy = errorPolicy == null ? ErrorPolicy.FAIL : errorPolicy;
    }

    public static final int DEFAULT_MAX_PARALLELISM = 128;

    /** Without checkpointing. */
    public JobConfig(int parallelism, int maxParallelism) {
        this(parallelism, maxParallelism, null, null);
    }

    /** Starting from scratch, the classes on the workers' classpath, failing on bad records. */
    public JobConfig(int parallelism, int maxParallelism, CheckpointingConfig checkpointing,
            RestartStrategyConfig restartStrategy) {
        this(parallelism, maxParallelism, checkpointing, restartStrategy, null, null, ErrorPolicy.FAIL);
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
        return new JobConfig(parallelism, maxParallelism, checkpointing, restartStrategy, savepoint, userJar, errorPolicy);
    }

    /** The same settings, the job's classes coming from {@code jar}. */
    public JobConfig withUserJar(UserJar jar) {
        return new JobConfig(parallelism, maxParallelism, checkpointing, restartStrategy, savepointRestore, jar, errorPolicy);
    }

    public static JobConfig defaults() {
        return new JobConfig(1, DEFAULT_MAX_PARALLELISM);
    }
}
