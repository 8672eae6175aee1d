package io.sluice.runtime.join;

import io.sluice.api.OutputTag;
import io.sluice.api.function.ProcessJoinFunction;
import io.sluice.api.state.MapState;
import io.sluice.api.state.MapStateDescriptor;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.operator.BaseOperator;
import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.operator.TwoInputOperator;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.timer.Timer;
import io.sluice.runtime.timer.TimerService;
import java.util.ArrayList;
import java.util.Map;

/**
 * An event-time interval join with Flink's semantics. Each side keeps its elements per key, bucketed by timestamp.
 * A left element at t joins every buffered right element at t' in {@code [t + lower, t + upper]}; a right element at
 * t' every buffered left element at t in {@code [t' - upper, t' - lower]} (exclusive ends are narrowed by one
 * millisecond); results carry {@code max(t, t')}. Elements behind the watermark are late and dropped. A left bucket
 * is removed when the watermark passes {@code t + upper} (or t if upper is negative), a right one at
 * {@code t' - lower} (or t' if lower is positive): no later element can pair with it. Buckets and their cleanup
 * timers live in keyed state, so they are part of checkpoints.
 */
public final class IntervalJoinOperator extends BaseOperator implements TwoInputOperator, TimerService.Triggerable {

    private static final String LEFT = "left";
    private static final String RIGHT = "right";

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final MapStateDescriptor<Long, ArrayList<Object>> LEFT_BUFFER =
            new MapStateDescriptor("interval-join-left", Long.class, ArrayList.class);

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final MapStateDescriptor<Long, ArrayList<Object>> RIGHT_BUFFER =
            new MapStateDescriptor("interval-join-right", Long.class, ArrayList.class);

    private final long lower;
    private final long upper;
    private final ProcessJoinFunction<Object, Object, Object> function;

    private KeyedStateBackend backend;
    private TimerService timers;
    private MapState<Long, ArrayList<Object>> leftBuffer;
    private MapState<Long, ArrayList<Object>> rightBuffer;
    private final PairContext pair = new PairContext();
    private long lateRecordsDropped;

    public IntervalJoinOperator(long lower, long upper, boolean lowerInclusive, boolean upperInclusive,
            ProcessJoinFunction<Object, Object, Object> function) {
        this.lower = lowerInclusive ? lower : lower + 1;
        this.upper = upperInclusive ? upper : upper - 1;
        if (this.lower > this.upper) {
            throw new IllegalArgumentException("the join interval [" + this.lower + ", " + this.upper + "] is empty");
        }
        this.function = function;
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        backend = context.keyedStateBackend();
        timers = new TimerService(backend, this);
        leftBuffer = backend.mapState(LEFT_BUFFER);
        rightBuffer = backend.mapState(RIGHT_BUFFER);
    }

    @Override
    public void processElement1(Object value, long timestamp) throws Exception {
        process(value, timestamp, true);
    }

    @Override
    public void processElement2(Object value, long timestamp) throws Exception {
        process(value, timestamp, false);
    }

    @Override
    public void processWatermark(long watermark) throws Exception {
        timers.advanceWatermark(watermark);
        super.processWatermark(watermark);
    }

    /** Elements dropped because they were behind the watermark. */
    public long lateRecordsDropped() {
        return lateRecordsDropped;
    }

    @Override
    public void onEventTime(Timer timer) {
        backend.setCurrentNamespace(null);
        if (LEFT.equals(timer.namespace())) {
            leftBuffer.remove(upper > 0 ? timer.timestamp() - upper : timer.timestamp());
        } else {
            rightBuffer.remove(lower <= 0 ? timer.timestamp() + lower : timer.timestamp());
        }
    }

    @Override
    public void onProcessingTime(Timer timer) {}

    /** The buffers and timers live in the keyed state; an empty marker makes the task call {@link #restoreState}. */
    @Override
    public byte[] snapshotState(long checkpointId) {
        return new byte[0];
    }

    @Override
    public void restoreState(byte[] state) {
        timers.reloadFromState();
    }

    private void process(Object value, long timestamp, boolean left) throws Exception {
        if (timestamp == StreamElement.NO_TIMESTAMP) {
            throw new IllegalArgumentException("interval join elements need timestamps: assign timestamps and "
                    + "watermarks before the join");
        }
        long watermark = timers.currentWatermark();
        if (watermark != Long.MIN_VALUE && timestamp < watermark) {
            lateRecordsDropped++;
            return;
        }
        backend.setCurrentNamespace(null);
        MapState<Long, ArrayList<Object>> ours = left ? leftBuffer : rightBuffer;
        MapState<Long, ArrayList<Object>> others = left ? rightBuffer : leftBuffer;
        ArrayList<Object> bucket = ours.get(timestamp);
        bucket = bucket == null ? new ArrayList<>() : bucket;
        bucket.add(value);
        ours.put(timestamp, bucket);
        long relativeLower = left ? lower : -upper;
        long relativeUpper = left ? upper : -lower;
        for (Map.Entry<Long, ArrayList<Object>> entry : others.entries().entrySet()) {
            long otherTimestamp = entry.getKey();
            if (otherTimestamp < timestamp + relativeLower || otherTimestamp > timestamp + relativeUpper) {
                continue;
            }
            for (Object other : entry.getValue()) {
                if (left) {
                    emit(value, timestamp, other, otherTimestamp);
                } else {
                    emit(other, otherTimestamp, value, timestamp);
                }
            }
        }
        long cleanupTime = relativeUpper > 0 ? timestamp + relativeUpper : timestamp;
        timers.registerEventTimeTimer(left ? LEFT : RIGHT, cleanupTime);
    }

    private void emit(Object leftValue, long leftTimestamp, Object rightValue, long rightTimestamp) throws Exception {
        pair.leftTimestamp = leftTimestamp;
        pair.rightTimestamp = rightTimestamp;
        long resultTimestamp = Math.max(leftTimestamp, rightTimestamp);
        function.processElement(leftValue, rightValue, pair, record -> output().collect(record, resultTimestamp));
    }

    private final class PairContext implements ProcessJoinFunction.Context {
        private long leftTimestamp;
        private long rightTimestamp;

        @Override
        public long getLeftTimestamp() {
            return leftTimestamp;
        }

        @Override
        public long getRightTimestamp() {
            return rightTimestamp;
        }

        @Override
        public long getTimestamp() {
            return Math.max(leftTimestamp, rightTimestamp);
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            IntervalJoinOperator.this.output().collectSide(tag.getId(), value, getTimestamp());
        }
    }
}
