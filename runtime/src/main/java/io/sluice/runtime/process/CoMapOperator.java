package io.sluice.runtime.process;

import io.sluice.api.function.CoFlatMapFunction;
import io.sluice.api.function.CoMapFunction;
import io.sluice.runtime.operator.BaseOperator;
import io.sluice.runtime.operator.TwoInputOperator;

/** Runs a {@link CoFlatMapFunction} (a {@link CoMapFunction} is one with exactly one output per record). */
public final class CoMapOperator extends BaseOperator implements TwoInputOperator {

    private final CoFlatMapFunction<Object, Object, Object> function;

    public CoMapOperator(CoFlatMapFunction<Object, Object, Object> function) {
        this.function = function;
    }

    /** Maps each record of either input to one record. */
    public static CoMapOperator of(CoMapFunction<Object, Object, Object> map) {
        return new CoMapOperator(new CoFlatMapFunction<>() {
            @Override
            public void flatMap1(Object value, io.sluice.api.function.Collector<Object> out) throws Exception {
                out.collect(map.map1(value));
            }

            @Override
            public void flatMap2(Object value, io.sluice.api.function.Collector<Object> out) throws Exception {
                out.collect(map.map2(value));
            }
        });
    }

    @Override
    public void processElement1(Object value, long timestamp) throws Exception {
        function.flatMap1(value, record -> output().collect(record, timestamp));
    }

    @Override
    public void processElement2(Object value, long timestamp) throws Exception {
        function.flatMap2(value, record -> output().collect(record, timestamp));
    }
}
