package io.sluice.runtime.process;

import io.sluice.api.OutputTag;
import io.sluice.api.function.Collector;
import io.sluice.api.function.KeyedProcessFunction;
import io.sluice.api.function.TimeDomain;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.operator.BaseOperator;
import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.timer.Timer;
import io.sluice.runtime.timer.TimerService;

/**
 * What the keyed process operators share: the function's {@link KeyedProcessFunction.Context} (timestamp, current
 * key, per-key timers, side outputs), timers fired by watermarks and processing time and at end of input (event time
 * ends, as after Flink's final watermark), and timers checkpointed in the keyed state (restored with it).
 */
abstract class KeyedFunctionOperator extends BaseOperator implements TimerService.Triggerable {

    private KeyedStateBackend backend;
    private TimerService timers;
    private TimestampedCollector collector;
    private final Context context = new Context();
    private TimeDomain firingDomain;

    @Override
    public void open(OperatorContext operatorContext, Output output) throws Exception {
        super.open(operatorContext, output);
        backend = operatorContext.keyedStateBackend();
        timers = new TimerService(backend, this);
        collector = new TimestampedCollector(output);
        openFunction(new FunctionRuntimeContext(operatorContext));
    }

    /** Opens the user function. */
    abstract void openFunction(FunctionRuntimeContext runtimeContext) throws Exception;

    /** Calls the user function's onTimer. */
    abstract void onTimer(long timestamp, KeyedProcessFunction.OnTimerContext<Object> ctx, Collector<Object> out)
            throws Exception;

    /** Sets up the context for a record with {@code timestamp}; returns it. */
    final KeyedProcessFunction.Context<Object> elementContext(long timestamp) {
        collector.setTimestamp(timestamp);
        firingDomain = null;
        return context;
    }

    final Collector<Object> collector() {
        return collector;
    }

    @Override
    public void processWatermark(long watermark) throws Exception {
        timers.advanceWatermark(watermark);
        super.processWatermark(watermark);
    }

    @Override
    public void onProcessingTime(long now) throws Exception {
        timers.advanceProcessingTime(now);
    }

    @Override
    public void finish() throws Exception {
        timers.advanceWatermark(Long.MAX_VALUE);
    }

    @Override
    public void onEventTime(Timer timer) throws Exception {
        fire(timer.timestamp(), TimeDomain.EVENT_TIME, timer.timestamp());
    }

    @Override
    public void onProcessingTime(Timer timer) throws Exception {
        fire(timer.timestamp(), TimeDomain.PROCESSING_TIME, StreamElement.NO_TIMESTAMP);
    }

    /** The timers live in the keyed state; an empty marker makes the task call {@link #restoreState} to reload them. */
    @Override
    public byte[] snapshotState(long checkpointId) {
        return new byte[0];
    }

    @Override
    public void restoreState(byte[] state) {
        timers.reloadFromState();
    }

    private void fire(long time, TimeDomain domain, long outputTimestamp) throws Exception {
        collector.setTimestamp(outputTimestamp);
        firingDomain = domain;
        onTimer(time, context, collector);
        firingDomain = null;
    }

    private final class Context
            implements KeyedProcessFunction.OnTimerContext<Object>, io.sluice.api.function.TimerService {
        @Override
        public Long timestamp() {
            return collector.apiTimestamp();
        }

        @Override
        public io.sluice.api.function.TimerService timerService() {
            return this;
        }

        @Override
        public Object getCurrentKey() {
            return backend.currentKey();
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            collector.side(tag, value);
        }

        @Override
        public TimeDomain timeDomain() {
            if (firingDomain == null) {
                throw new IllegalStateException("timeDomain() is only known while a timer fires");
            }
            return firingDomain;
        }

        @Override
        public long currentProcessingTime() {
            return context().clock().millis();
        }

        @Override
        public long currentWatermark() {
            return timers.currentWatermark();
        }

        @Override
        public void registerEventTimeTimer(long time) {
            timers.registerEventTimeTimer(null, time);
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
            timers.registerProcessingTimeTimer(null, time);
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            timers.deleteEventTimeTimer(null, time);
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {
            timers.deleteProcessingTimeTimer(null, time);
        }
    }
}
