package io.sluice.runtime.state;

import io.sluice.api.state.ValueState;
import java.util.HashMap;
import java.util.Map;

/**
 * Keyed state on the heap: one HashMap per state name, keyed by the record key. For tests and the local runner;
 * workers will use off-heap state. Single-threaded, like every operator.
 */
public final class InMemoryKeyedStateBackend implements KeyedStateBackend {

    private final Map<String, Map<Object, Object>> states = new HashMap<>();
    private Object currentKey;

    @Override
    public void setCurrentKey(Object key) {
        if (key == null) {
            throw new IllegalArgumentException("record key is null");
        }
        currentKey = key;
    }

    @Override
    public Object currentKey() {
        return currentKey;
    }

    @Override
    public <T> ValueState<T> valueState(String name, Class<T> type) {
        return new HeapValueState<>(states.computeIfAbsent(name, n -> new HashMap<>()), type);
    }

    /** Number of keys holding a value in the named state (for tests and metrics). */
    public int size(String name) {
        Map<Object, Object> values = states.get(name);
        return values == null ? 0 : values.size();
    }

    @Override
    public void close() {
        states.clear();
    }

    private final class HeapValueState<T> implements ValueState<T> {
        private final Map<Object, Object> values;
        private final Class<T> type;

        HeapValueState(Map<Object, Object> values, Class<T> type) {
            this.values = values;
            this.type = type;
        }

        @Override
        public T value() {
            return type.cast(values.get(key()));
        }

        @Override
        public void update(T value) {
            if (value == null) {
                values.remove(key());
            } else {
                values.put(key(), type.cast(value));
            }
        }

        @Override
        public void clear() {
            values.remove(key());
        }

        private Object key() {
            if (currentKey == null) {
                throw new IllegalStateException("no current key: state is only available while processing a keyed record");
            }
            return currentKey;
        }
    }
}
