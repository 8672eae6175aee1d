package io.sluice.runtime.operator;

import io.sluice.api.function.ReduceFunction;
import io.sluice.api.state.ValueState;

/** Rolling reduce on a keyed stream: the first record of a key is its accumulator; every input emits the new one. */
public final class ReduceOperator extends BaseOperator {

    private final ReduceFunction<Object> function;
    private ValueState<Object> accumulator;

    public ReduceOperator(ReduceFunction<Object> function) {
        this.function = function;
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        accumulator = context.keyedStateBackend().valueState("reduce", Object.class);
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        Object previous = accumulator.value();
        Object next = previous == null ? value : function.reduce(previous, value);
        accumulator.update(next);
        output().collect(next, timestamp);
    }
}
