package io.sluice.api.function;

import java.io.Serializable;

/**
 * Incremental aggregation through a mutable or immutable accumulator: {@code createAccumulator}, then {@code add}
 * per value, {@code getResult} when asked; {@code merge} combines two partial accumulators (merging windows).
 *
 * @param <IN> values added
 * @param <ACC> the accumulator kept in state
 * @param <OUT> the result
 */
public interface AggregateFunction<IN, ACC, OUT> extends Serializable {

    ACC createAccumulator();

    /** Adds a value; may update {@code accumulator} in place and return it, or return a new one. */
    ACC add(IN value, ACC accumulator);

    OUT getResult(ACC accumulator);

    ACC merge(ACC a, ACC b);
}
