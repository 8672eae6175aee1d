package io.sluice.api.function;

import java.io.Serializable;

/** Zero or more records out per record of either of two connected streams. */
public interface CoFlatMapFunction<I1, I2, O> extends Serializable {
    void flatMap1(I1 value, Collector<O> out) throws Exception;

    void flatMap2(I2 value, Collector<O> out) throws Exception;
}
