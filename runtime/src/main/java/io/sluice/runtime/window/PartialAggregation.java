package io.sluice.runtime.window;

import io.sluice.api.function.AggregateFunction;
import io.sluice.api.function.ReduceFunction;

/**
 * The two halves of a window's incremental function that pre-aggregation needs: fold an element into an accumulator
 * (upstream), merge two accumulators (upstream, and downstream into the window's contents).
 */
interface PartialAggregation {

    /** @param accumulator null before the first element */
    Object add(Object accumulator, Object element) throws Exception;

    Object merge(Object a, Object b) throws Exception;

    static PartialAggregation ofAggregate(AggregateFunction<Object, Object, Object> function) {
        return new PartialAggregation() {
            @Override
            public Object add(Object accumulator, Object element) {
                return function.add(element, accumulator == null ? function.createAccumulator() : accumulator);
            }

            @Override
            public Object merge(Object a, Object b) {
                return function.merge(a, b);
            }
        };
    }

    /** A reduce's accumulator is the reduced value; as in Flink, the function must be associative. */
    static PartialAggregation ofReduce(ReduceFunction<Object> function) {
        return new PartialAggregation() {
            @Override
            public Object add(Object accumulator, Object element) throws Exception {
                return accumulator == null ? element : function.reduce(accumulator, element);
            }

            @Override
            public Object merge(Object a, Object b) throws Exception {
                return function.reduce(a, b);
            }
        };
    }
}
