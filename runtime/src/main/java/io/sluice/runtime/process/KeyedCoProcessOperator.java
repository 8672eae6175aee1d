package io.sluice.runtime.process;

import io.sluice.api.function.Collector;
import io.sluice.api.function.KeyedCoProcessFunction;
import io.sluice.api.function.KeyedProcessFunction;
import io.sluice.runtime.operator.TwoInputOperator;

/** Runs a {@link KeyedCoProcessFunction} over two keyed inputs sharing keyed state and timers. */
public final class KeyedCoProcessOperator extends KeyedFunctionOperator implements TwoInputOperator {

    private final KeyedCoProcessFunction<Object, Object, Object, Object> function;

    public KeyedCoProcessOperator(KeyedCoProcessFunction<Object, Object, Object, Object> function) {
        this.function = function;
    }

    @Override
    void openFunction(FunctionRuntimeContext runtimeContext) throws Exception {
        function.open(runtimeContext);
    }

    @Override
    public void processElement1(Object value, long timestamp) throws Exception {
        function.processElement1(value, elementContext(timestamp), collector());
    }

    @Override
    public void processElement2(Object value, long timestamp) throws Exception {
        function.processElement2(value, elementContext(timestamp), collector());
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
