package io.sluice.api.function;

import java.io.Serializable;

/** Transforms one record into one record. */
@FunctionalInterface
public interface MapFunction<I, O> extends Serializable {
    O map(I value) throws Exception;
}
