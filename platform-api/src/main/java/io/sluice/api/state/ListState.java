package io.sluice.api.state;

import java.util.List;

/** A list of values per key. Elements must not be null. */
public interface ListState<T> extends AppendingState<T, List<T>> {

    /** The elements in insertion order, as an unmodifiable copy; empty when none. */
    @Override
    List<T> get();

    @Override
    void add(T value);

    void addAll(List<T> values);

    /** Replaces the list; an empty or null list clears it. */
    void update(List<T> values);
}
