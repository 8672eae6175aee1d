package io.sluice.api.state;

/**
 * An accumulator per key that added values are folded into with the descriptor's {@code AggregateFunction};
 * {@link #get()} returns its result.
 */
public interface AggregatingState<IN, OUT> extends AppendingState<IN, OUT> {

    @Override
    void add(IN value);
}
