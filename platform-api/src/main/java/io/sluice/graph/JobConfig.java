package io.sluice.graph;

/**
 * Job-wide settings.
 *
 * @param parallelism default parallelism of operators that do not set their own
 * @param maxParallelism number of key groups; the upper bound for rescaling keyed state
 */
public record JobConfig(int parallelism, int maxParallelism) {

    public static final int DEFAULT_MAX_PARALLELISM = 128;

    public static JobConfig defaults() {
        return new JobConfig(1, DEFAULT_MAX_PARALLELISM);
    }
}
