package io.sluice.engine.checkpoint;

/** The guarantee a job's checkpoints give. It travels with every trigger: only EXACTLY_ONCE tasks align barriers. */
public enum CheckpointingMode {
    /** Tasks with several input channels align barriers, so the snapshot reflects every record exactly once. */
    EXACTLY_ONCE,
    /** No alignment: lower latency, but after a restore some records are applied to state a second time. */
    AT_LEAST_ONCE
}
