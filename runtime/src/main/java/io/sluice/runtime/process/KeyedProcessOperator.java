package io.sluice.runtime.process;

import io.sluice.api.function.Collector;
import io.sluice.api.function.KeyedProcessFunction;

/** Runs a {@link KeyedProcessFunction}: keyed state, per-key timers, side outputs. */
public final class KeyedProcessOperator extends KeyedFunctionOperator {

    private final KeyedProcessFunction<Object, Object, Object> function;

    public KeyedProcessOperator(KeyedProcessFunction<Object, Object, Object> function) {
        this.function = function;
    }

    @Override
    void openFunction(FunctionRuntimeContext runtimeContext) throws Exception {
        function.open(runtimeContext);
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        function.processElement(value, elementContext(timestamp), collector());
    }

    @Override
    void onTimer(long timestamp, KeyedProcessFunction.OnTimerContext<Object> ctx, Collector<Object> out)
            throws Exception {
        function.onTimer(timestamp, ctx, out);
    }

    @Override
    public void close() throws Exception {
        function.close();
    }
}
