package io.sluice.runtime.operator;

import io.sluice.api.function.MapFunction;

/** One record in, one record out; the timestamp is kept. */
public final class MapOperator extends BaseOperator {

    private final MapFunction<Object, Object> function;

    public MapOperator(MapFunction<Object, Object> function) {
        this.function = function;
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        output().collect(function.map(value), timestamp);
    }
}
