package io.sluice.runtime.operator;

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

    /** End of input: flush anything buffered. */
    default void finish() throws Exception {}

    default void close() throws Exception {}
}
