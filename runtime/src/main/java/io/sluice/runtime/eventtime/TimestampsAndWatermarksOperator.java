package io.sluice.runtime.eventtime;

import io.sluice.api.eventtime.TimestampAssigner;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.StreamElement.Watermark;
import io.sluice.runtime.operator.BaseOperator;
import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.operator.Output;

/**
 * Stamps each record with its event time and emits watermarks periodically, in processing time: every
 * {@code intervalMillis} it emits {@code maxTimestamp - outOfOrderness - 1} if that is beyond the last one emitted
 * (Flink's bounded out-of-orderness generator). With an idleness timeout, a subtask without records for that long
 * emits the {@link Watermark#IDLE} marker; the next record makes it active, and the next period re-emits its
 * watermark. Upstream watermarks are not forwarded: this operator defines event time from here on. End of input
 * emits {@code Long.MAX_VALUE}, so every event-time window downstream fires (as Flink at the end of a bounded source).
 */
public final class TimestampsAndWatermarksOperator extends BaseOperator {

    private final TimestampAssigner<Object> timestamps;
    private final long outOfOrderness;
    private final long idleness;
    private final long interval;

    private long maxTimestamp = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;
    private long nextEmission = Long.MIN_VALUE;
    private long lastRecordTime;
    private boolean idle;
    private boolean reannounce;

    /**
     * @param timestamps the event time of a record; null keeps the record's timestamp
     * @param idleness 0 for never idle
     */
    public TimestampsAndWatermarksOperator(
            TimestampAssigner<Object> timestamps, long outOfOrderness, long idleness, long interval) {
        if (outOfOrderness < 0 || idleness < 0 || interval <= 0) {
            throw new IllegalArgumentException("out-of-orderness and idleness must be >= 0 and interval > 0");
        }
        this.timestamps = timestamps;
        this.outOfOrderness = outOfOrderness;
        this.idleness = idleness;
        this.interval = interval;
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        lastRecordTime = context.clock().millis();
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        long eventTime = timestamps == null ? timestamp : timestamps.extractTimestamp(value, timestamp);
        if (eventTime != StreamElement.NO_TIMESTAMP) {
            maxTimestamp = Math.max(maxTimestamp, eventTime);
        }
        if (idle) {
            idle = false;
            reannounce = true;
        }
        lastRecordTime = context().clock().millis();
        output().collect(value, eventTime);
    }

    /** Event time starts here: upstream watermarks (and idleness) are replaced by this operator's. */
    @Override
    public void processWatermark(long watermark) {}

    @Override
    public void onProcessingTime(long now) {
        if (now >= nextEmission) {
            nextEmission = now + interval;
            emitCurrentWatermark();
        }
        if (idleness > 0 && !idle && now - lastRecordTime >= idleness) {
            idle = true;
            output().emitWatermark(Watermark.IDLE);
        }
    }

    @Override
    public void finish() {
        emitted = Long.MAX_VALUE;
        output().emitWatermark(Long.MAX_VALUE);
    }

    private void emitCurrentWatermark() {
        if (idle || maxTimestamp == Long.MIN_VALUE) {
            return;
        }
        long watermark = maxTimestamp - outOfOrderness - 1;
        if (watermark > emitted || (reannounce && emitted != Long.MIN_VALUE)) {
            emitted = Math.max(emitted, watermark);
            output().emitWatermark(emitted);
        }
        reannounce = false;
    }
}
