package io.sluice.api.function;

import java.io.Serializable;

/** Combines one element of each side of a window join (a pair of the same key in the same window). */
@FunctionalInterface
public interface JoinFunction<I1, I2, O> extends Serializable {
    O join(I1 first, I2 second) throws Exception;
}
