package io.sluice.api.state;

import java.util.Map;

/**
 * A map per key. User keys are compared by their serialized form, so they must serialize deterministically
 * (strings, numbers, records of those). Views are read-only copies: change the state through its methods.
 */
public interface MapState<K, V> {

    /** The value of {@code key}, or null. */
    V get(K key);

    void put(K key, V value);

    void putAll(Map<K, V> entries);

    void remove(K key);

    boolean contains(K key);

    /** A copy of the whole map, in insertion order; empty when none. */
    Map<K, V> entries();

    Iterable<K> keys();

    Iterable<V> values();

    boolean isEmpty();

    void clear();
}
