package io.sluice.api.state;

/**
 * Keyed state that values are added to and a result is read from, for the current key (and namespace).
 *
 * @param <IN> values added
 * @param <OUT> what {@link #get()} returns
 */
public interface AppendingState<IN, OUT> {

    /** The result for the current key; null (or, for lists, empty) when nothing was added. */
    OUT get();

    void add(IN value) throws Exception;

    void clear();
}
