package io.sluice.api.function;

import java.io.Serializable;

/** Maps the records of two connected streams to one output type, one method per input. */
public interface CoMapFunction<I1, I2, O> extends Serializable {
    O map1(I1 value) throws Exception;

    O map2(I2 value) throws Exception;
}
