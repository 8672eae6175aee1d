package io.sluice.runtime.operator;

import io.sluice.api.function.FlatMapFunction;

/** Zero or more records out per record in, all with the input's timestamp. */
public final class FlatMapOperator extends BaseOperator {

    private final FlatMapFunction<Object, Object> function;

    public FlatMapOperator(FlatMapFunction<Object, Object> function) {
        this.function = function;
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        function.flatMap(value, record -> output().collect(record, timestamp));
    }
}
