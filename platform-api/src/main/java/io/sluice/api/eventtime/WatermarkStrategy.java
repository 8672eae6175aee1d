package io.sluice.api.eventtime;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a stream gets event time: where timestamps come from and how far watermarks trail the largest timestamp seen.
 * Watermarks are generated periodically (every {@link #DEFAULT_INTERVAL} of processing time) as
 * {@code maxTimestamp - outOfOrderness - 1}, as in Flink. With an idleness timeout, a subtask that saw no record
 * for that long is marked idle and stops holding back the event time of the operators downstream.
 *
 * @param <T> record type
 */
public final class WatermarkStrategy<T> implements Serializable {

    /** Flink's default auto-watermark interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);

    private final Duration outOfOrderness;
    private final TimestampAssigner<T> timestampAssigner;
    private final Duration idleness;

    private WatermarkStrategy(Duration outOfOrderness, TimestampAssigner<T> timestampAssigner, Duration idleness) {
        if (outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("out-of-orderness must not be negative: " + outOfOrderness);
        }
        if (idleness != null && (idleness.isNegative() || idleness.isZero())) {
            throw new IllegalArgumentException("idleness must be positive: " + idleness);
        }
        this.outOfOrderness = outOfOrderness;
        this.timestampAssigner = timestampAssigner;
        this.idleness = idleness;
    }

    /** Records may arrive up to {@code maxOutOfOrderness} behind the largest timestamp seen. */
    public static <T> WatermarkStrategy<T> forBoundedOutOfOrderness(Duration maxOutOfOrderness) {
        return new WatermarkStrategy<>(Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness"), null, null);
    }

    /** Timestamps never decrease within a subtask. */
    public static <T> WatermarkStrategy<T> forMonotonousTimestamps() {
        return new WatermarkStrategy<>(Duration.ZERO, null, null);
    }

    /** Timestamps from the records (without an assigner the timestamp the record already carries is used). */
    public WatermarkStrategy<T> withTimestampAssigner(TimestampAssigner<T> assigner) {
        return new WatermarkStrategy<>(outOfOrderness, Objects.requireNonNull(assigner, "assigner"), idleness);
    }

    /** Marks a subtask idle after {@code timeout} of processing time without records. */
    public WatermarkStrategy<T> withIdleness(Duration timeout) {
        return new WatermarkStrategy<>(outOfOrderness, timestampAssigner, Objects.requireNonNull(timeout, "timeout"));
    }

    public Duration outOfOrderness() {
        return outOfOrderness;
    }

    /** Null when records keep the timestamp they have. */
    public TimestampAssigner<T> timestampAssigner() {
        return timestampAssigner;
    }

    /** Null when subtasks are never marked idle. */
    public Duration idleness() {
        return idleness;
    }
}
