package io.sluice.runtime.state;

import java.util.function.BiConsumer;

/**
 * Where a {@link SerializedKeyedStateBackend} keeps its entries: a plain byte-array map. Keys are compared by
 * content. Nobody modifies an array once it was passed in or returned, so stores may keep or share them.
 * Single-threaded, like the backend.
 */
public interface StateStore extends AutoCloseable {

    /** The value stored under {@code key}, or null. */
    byte[] get(byte[] key);

    void put(byte[] key, byte[] value);

    void remove(byte[] key);

    /** Visits every entry; {@code action} must not modify the store. */
    void forEach(BiConsumer<byte[], byte[]> action);

    void clear();

    /** Releases the store's resources; its data may stay on disk. */
    @Override
    void close();

    /** Closes the store and deletes whatever it keeps on disk. */
    default void dispose() {
        close();
    }
}
