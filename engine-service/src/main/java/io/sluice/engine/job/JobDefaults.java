package io.sluice.engine.job;

import io.sluice.engine.checkpoint.CheckpointConfig;
import io.sluice.graph.RestartStrategyConfig;

/**
 * The cluster's settings for what a job spec leaves out.
 *
 * @param retainedCheckpoints completed checkpoints kept per job; the state of older ones is deleted
 * @param restartStrategy for checkpointed jobs without a {@code restart-strategy} of their own
 */
public record JobDefaults(int retainedCheckpoints, RestartStrategyConfig restartStrategy) {

    public static final JobDefaults DEFAULTS =
            new JobDefaults(CheckpointConfig.DEFAULT_RETAINED_CHECKPOINTS, RestartStrategyConfig.DEFAULT);

    public JobDefaults {
        if (retainedCheckpoints < 1) {
            throw new IllegalArgumentException("at least one checkpoint must be retained: " + retainedCheckpoints);
        }
        if (restartStrategy == null) {
            throw new IllegalArgumentException("a default restart strategy is required");
        }
    }
}
