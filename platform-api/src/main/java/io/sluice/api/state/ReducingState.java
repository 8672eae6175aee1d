package io.sluice.api.state;

/** A value per key that added values are folded into with the descriptor's {@code ReduceFunction}. */
public interface ReducingState<T> extends AppendingState<T, T> {}
