package io.sluice.runtime.state;

import io.sluice.api.state.ValueState;

/** {@link ValueState} over a {@link SerializedKeyedStateBackend}. */
final class StoredValueState<T> implements ValueState<T> {

    private final SerializedKeyedStateBackend backend;
    private final RegisteredState state;
    private final Class<T> type;

    StoredValueState(SerializedKeyedStateBackend backend, RegisteredState state, Class<T> type) {
        this.backend = backend;
        this.state = state;
        this.type = type;
    }

    @Override
    public T value() {
        return type.cast(backend.readObject(state));
    }

    /** A null value clears the state. */
    @Override
    public void update(T value) {
        if (value == null) {
            backend.remove(state);
        } else {
            backend.writeObject(state, type.cast(value));
        }
    }

    @Override
    public void clear() {
        backend.remove(state);
    }
}
