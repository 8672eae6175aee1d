package io.sluice.runtime.checkpoint;

/** What a checkpoint guarantees about the records its snapshot reflects. */
public enum CheckpointingMode {
    /**
     * Barriers are aligned: a channel that delivered barrier n is paused until every channel has, so the snapshot
     * reflects exactly the records before barrier n on every channel.
     */
    EXACTLY_ONCE,
    /**
     * Barriers are only tracked, never blocked on: the snapshot is taken when the last channel delivers barrier n
     * and may also reflect records that faster channels delivered after their barrier n, which a restore replays.
     */
    AT_LEAST_ONCE
}
