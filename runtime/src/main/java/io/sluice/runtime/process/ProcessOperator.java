package io.sluice.runtime.process;

import io.sluice.api.OutputTag;
import io.sluice.api.function.ProcessFunction;
import io.sluice.api.function.TimeDomain;
import io.sluice.api.function.TimerService;
import io.sluice.runtime.operator.BaseOperator;
import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.operator.Output;

/** Runs a {@link ProcessFunction} on a non-keyed stream: no keyed state, no timers (as in Flink). */
public final class ProcessOperator extends BaseOperator {

    private final ProcessFunction<Object, Object> function;
    private TimestampedCollector collector;
    private final Context context = new Context();
    private long watermark = Long.MIN_VALUE;

    public ProcessOperator(ProcessFunction<Object, Object> function) {
        this.function = function;
    }

    @Override
    public void open(OperatorContext operatorContext, Output output) throws Exception {
        super.open(operatorContext, output);
        collector = new TimestampedCollector(output);
        function.open(new FunctionRuntimeContext(operatorContext));
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        collector.setTimestamp(timestamp);
        function.processElement(value, context, collector::collect);
    }

    @Override
    public void processWatermark(long newWatermark) throws Exception {
        if (!io.sluice.runtime.StreamElement.Watermark.isIdle(newWatermark)) {
            watermark = Math.max(watermark, newWatermark);
        }
        super.processWatermark(newWatermark);
    }

    @Override
    public void close() throws Exception {
        function.close();
    }

    private final class Context implements ProcessFunction.OnTimerContext, TimerService {
        @Override
        public Long timestamp() {
            return collector.apiTimestamp();
        }

        @Override
        public TimerService timerService() {
            return this;
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            collector.side(tag, value);
        }

        @Override
        public TimeDomain timeDomain() {
            throw new UnsupportedOperationException("no timers on a non-keyed stream");
        }

        @Override
        public long currentProcessingTime() {
            return context().clock().millis();
        }

        @Override
        public long currentWatermark() {
            return watermark;
        }

        @Override
        public void registerEventTimeTimer(long time) {
            throw noTimers();
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
            throw noTimers();
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            throw noTimers();
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {
            throw noTimers();
        }

        private UnsupportedOperationException noTimers() {
            return new UnsupportedOperationException(
                    "timers are only supported on keyed streams: use keyBy(...).process(KeyedProcessFunction)");
        }
    }
}
