package io.sluice.runtime.state;

import io.sluice.api.function.ReduceFunction;
import io.sluice.api.state.ReducingState;
import io.sluice.api.state.ReducingStateDescriptor;
import java.util.Objects;

/** {@link ReducingState} over a {@link SerializedKeyedStateBackend}: stores the reduced value. */
final class StoredReducingState<T> implements ReducingState<T> {

    private final SerializedKeyedStateBackend backend;
    private final RegisteredState state;
    private final ReduceFunction<T> function;
    private final Class<T> type;

    StoredReducingState(SerializedKeyedStateBackend backend, RegisteredState state, ReducingStateDescriptor<T> descriptor) {
        this.backend = backend;
        this.state = state;
        this.function = descriptor.function();
        this.type = descriptor.type();
    }

    @Override
    public T get() {
        return type.cast(backend.readObject(state));
    }

    @Override
    public void add(T value) throws Exception {
        Objects.requireNonNull(value, "reducing state values must not be null");
        T current = get();
        backend.writeObject(state, current == null ? value : type.cast(function.reduce(current, value)));
    }

    @Override
    public void clear() {
        backend.remove(state);
    }
}
