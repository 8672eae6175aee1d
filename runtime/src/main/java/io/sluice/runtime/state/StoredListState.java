package io.sluice.runtime.state;

import io.sluice.api.state.ListState;
import java.util.List;
import java.util.Objects;

/** {@link ListState} over a {@link SerializedKeyedStateBackend}: adding appends the element's bytes. */
final class StoredListState<T> implements ListState<T> {

    private final SerializedKeyedStateBackend backend;
    private final RegisteredState state;
    private final Class<T> elementType;

    StoredListState(SerializedKeyedStateBackend backend, RegisteredState state, Class<T> elementType) {
        this.backend = backend;
        this.state = state;
        this.elementType = elementType;
    }

    @Override
    public List<T> get() {
        return backend.readObjects(state).stream().map(elementType::cast).toList();
    }

    @Override
    public void add(T value) {
        Objects.requireNonNull(value, "list state elements must not be null");
        backend.appendPayload(state, backend.serializer().serialize(elementType.cast(value)));
    }

    @Override
    public void addAll(List<T> values) {
        if (!values.isEmpty()) {
            backend.appendPayload(state, backend.serializer().serializeAll(checked(values)));
        }
    }

    @Override
    public void update(List<T> values) {
        if (values == null || values.isEmpty()) {
            backend.remove(state);
        } else {
            backend.writePayload(state, backend.serializer().serializeAll(checked(values)));
        }
    }

    @Override
    public void clear() {
        backend.remove(state);
    }

    private List<T> checked(List<T> values) {
        for (T value : values) {
            Objects.requireNonNull(value, "list state elements must not be null");
            elementType.cast(value);
        }
        return values;
    }
}
