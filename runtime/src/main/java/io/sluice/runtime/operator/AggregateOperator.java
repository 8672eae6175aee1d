package io.sluice.runtime.operator;

import io.sluice.api.state.ValueState;

/** A rolling built-in aggregate on a keyed stream (see {@link Aggregation}); emits the accumulator per input. */
public final class AggregateOperator extends BaseOperator {

    private final Aggregation aggregation;
    private final String field;
    private ValueState<Object> accumulator;

    AggregateOperator(Aggregation aggregation, String field) {
        this.aggregation = aggregation;
        this.field = field;
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        accumulator = context.keyedStateBackend().valueState("aggregate", Object.class);
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        Object previous = accumulator.value();
        Object next = previous == null ? value : aggregation.absorb(previous, value, field);
        accumulator.update(next);
        output().collect(next, timestamp);
    }
}
