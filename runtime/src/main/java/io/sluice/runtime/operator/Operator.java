package io.sluice.runtime.operator;

import java.util.List;

/**
 * A runtime operator inside a chain. Called from the task's single thread only: no synchronization needed.
 * Lifecycle: {@code open} once, then elements and watermarks, then {@code finish} at end of bounded input
 * (not on cancel), then {@code close} always.
 */
public interface Operator {

    default void open(OperatorContext context, Output output) throws Exception {}

    void processElement(Object value, long timestamp) throws Exception;

    /**
     * Event time advanced. Operators that emit records must pass it on (unchanged or their own); {@link BaseOperator}
     * forwards it. The default ignores it, which suits sinks.
     */
    default void processWatermark(long watermark) throws Exception {}

    /**
     * Processing time is {@code now} (epoch millis of the task's clock). The task calls it on every loop iteration
     * (at least once per poll timeout), so it must be cheap when nothing is due: fire due processing-time timers,
     * emit periodic watermarks.
     */
    default void onProcessingTime(long now) throws Exception {}

    /**
     * Checkpoint n: the operator's own state as of barrier n (called on the task thread at the barrier, after the
     * records before it), or null if it has none. The task writes it next to the keyed state of snapshot n and
     * hands it to {@link #restoreState} of the operator with the same id when resuming from n.
     */
    default byte[] snapshotState(long checkpointId) throws Exception {
        return null;
    }

    /** Resuming from a checkpoint: called after {@code open}, before any element, with what snapshot n returned. */
    default void restoreState(byte[] state) throws Exception {}

    /**
     * Resuming from a savepoint taken at another parallelism: the states of the savepoint's subtasks assigned to this
     * one (subtask j's goes to subtask j mod the new parallelism, so some get several and some none). Called instead
     * of {@link #restoreState(byte[])}, after {@code open}. The default takes one state as it is and refuses several:
     * an operator whose state can be merged overrides it.
     */
    default void restoreState(List<byte[]> states) throws Exception {
        if (states.size() > 1) {
            throw new IllegalStateException(getClass().getSimpleName() + " cannot merge the state of "
                    + states.size() + " subtasks of a savepoint; resume it with at least its former parallelism");
        }
        if (states.size() == 1) {
            restoreState(states.get(0));
        }
    }

    /**
     * Checkpoint n completed on every task of the job: a side effect staged up to barrier n may be made visible.
     * Called on the task thread; a notification may be missed (a later one then covers it).
     */
    default void notifyCheckpointComplete(long checkpointId) throws Exception {}

    /** End of input: flush anything buffered. */
    default void finish() throws Exception {}

    default void close() throws Exception {}
}
