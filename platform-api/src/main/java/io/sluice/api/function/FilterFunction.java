package io.sluice.api.function;

import java.io.Serializable;

/** Keeps a record when it returns true. */
@FunctionalInterface
public interface FilterFunction<T> extends Serializable {
    boolean filter(T value) throws Exception;
}
