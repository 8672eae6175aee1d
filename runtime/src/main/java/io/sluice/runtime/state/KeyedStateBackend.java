package io.sluice.runtime.state;

import io.sluice.api.state.ValueState;

/**
 * Keyed state of one operator subtask. The current key is set by the task before each record; state handles
 * read and write the value of that key. Off-heap (Chronicle Map) on workers, in-memory in tests.
 */
public interface KeyedStateBackend extends AutoCloseable {

    void setCurrentKey(Object key);

    Object currentKey();

    <T> ValueState<T> valueState(String name, Class<T> type);

    @Override
    void close();
}
