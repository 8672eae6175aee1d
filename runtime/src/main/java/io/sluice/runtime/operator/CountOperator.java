package io.sluice.runtime.operator;

import io.sluice.api.state.ValueState;
import io.sluice.runtime.record.Fields;

/** Counts the records of each key: emits each record with {@code outputField} set to its key's running count. */
public final class CountOperator extends BaseOperator {

    private final String outputField;
    private ValueState<Long> count;

    public CountOperator(String outputField) {
        this.outputField = outputField;
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        count = context.keyedStateBackend().valueState("count", Long.class);
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        Long previous = count.value();
        long next = previous == null ? 1 : previous + 1;
        count.update(next);
        output().collect(Fields.with(value, outputField, next), timestamp);
    }
}
