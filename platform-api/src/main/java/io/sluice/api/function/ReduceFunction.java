package io.sluice.api.function;

import java.io.Serializable;

/** Combines the accumulated value of a key with a new record. */
@FunctionalInterface
public interface ReduceFunction<T> extends Serializable {
    T reduce(T accumulator, T value) throws Exception;
}
