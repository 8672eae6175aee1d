package io.sluice.protocol;

import java.util.List;

/**
 * What one running subtask measured over its last reporting interval (Flink's task and operator metrics).
 * Counters are totals since the task attempt started; rates and time ratios cover the last interval.
 *
 * @param busyRatio share of the interval spent processing (Flink's busyTimeMsPerSecond / 1000)
 * @param idleRatio share spent waiting for input (idleTimeMsPerSecond / 1000)
 * @param backPressuredRatio share spent blocked handing output on (backPressuredTimeMsPerSecond / 1000)
 * @param operators the chain's operators, head first
 * @param inputs one entry per input edge; empty for a source chain
 */
public record SubtaskMetrics(
        TaskId task,
        int attempt,
        long timestampMillis,
        double busyRatio,
        double idleRatio,
        double backPressuredRatio,
        long bytesIn,
        long bytesOut,
        List<OperatorMetrics> operators,
        List<InputMetrics> inputs) {

    /** Watermark value of an operator that has not seen one yet (as in Flink). */
    public static final long NO_WATERMARK = Long.MIN_VALUE;

    public SubtaskMetrics {
        operators = List.copyOf(operators);
        inputs = List.copyOf(inputs);
    }

    /**
     * One operator of the chain in this subtask.
     *
     * @param inputWatermark the last watermark it received, or {@link #NO_WATERMARK}
     * @param outputWatermark the last watermark it emitted, or {@link #NO_WATERMARK}
     */
    public record OperatorMetrics(
            String vertexId,
            long recordsIn,
            long recordsOut,
            double recordsInPerSecond,
            double recordsOutPerSecond,
            long inputWatermark,
            long outputWatermark) {}

    /**
     * One input edge of the subtask, read from Kafka.
     *
     * @param sourceVertex the upstream vertex of the edge
     * @param lag records written to the edge's partitions for this subtask and not read yet; -1 if unknown
     * @param backloggedRatio share of the interval during which the lag exceeded one fetch (the upstream writes
     *     faster than this subtask reads: Sluice's counterpart of Flink's full output buffers)
     */
    public record InputMetrics(String sourceVertex, long lag, double backloggedRatio) {}
}
