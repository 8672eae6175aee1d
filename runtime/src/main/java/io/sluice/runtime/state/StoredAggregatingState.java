package io.sluice.runtime.state;

import io.sluice.api.function.AggregateFunction;
import io.sluice.api.state.AggregatingState;
import io.sluice.api.state.AggregatingStateDescriptor;

/** {@link AggregatingState} over a {@link SerializedKeyedStateBackend}: stores the accumulator. */
final class StoredAggregatingState<IN, ACC, OUT> implements AggregatingState<IN, OUT> {

    private final SerializedKeyedStateBackend backend;
    private final RegisteredState state;
    private final AggregateFunction<IN, ACC, OUT> function;
    private final Class<ACC> accumulatorType;

    StoredAggregatingState(SerializedKeyedStateBackend backend, RegisteredState state,
            AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
        this.backend = backend;
        this.state = state;
        this.function = descriptor.function();
        this.accumulatorType = descriptor.accumulatorType();
    }

    /** The result of the current key's accumulator; null when nothing was added. */
    @Override
    public OUT get() {
        ACC accumulator = accumulatorType.cast(backend.readObject(state));
        return accumulator == null ? null : function.getResult(accumulator);
    }

    @Override
    public void add(IN value) {
        ACC accumulator = accumulatorType.cast(backend.readObject(state));
        ACC start = accumulator == null ? function.createAccumulator() : accumulator;
        backend.writeObject(state, function.add(value, start));
    }

    @Override
    public void clear() {
        backend.remove(state);
    }
}
