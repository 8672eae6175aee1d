package io.sluice.api.function;

import java.io.Serializable;

/** Transforms one record into zero or more records. */
@FunctionalInterface
public interface FlatMapFunction<I, O> extends Serializable {
    void flatMap(I value, Collector<O> out) throws Exception;
}
