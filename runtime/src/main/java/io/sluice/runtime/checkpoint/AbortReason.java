package io.sluice.runtime.checkpoint;

/** Why a task gave up aligning a checkpoint. */
public enum AbortReason {
    /** A channel delivered a newer checkpoint's barrier without this one's: its upstream skipped this one. */
    SUBSUMED,
    /** The coordinator's timeout for the checkpoint ran out. */
    EXPIRED,
    /** Another task declined the checkpoint, so the coordinator abandoned it. */
    DECLINED
}
