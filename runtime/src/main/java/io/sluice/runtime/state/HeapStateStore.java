package io.sluice.runtime.state;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** A {@link StateStore} in a heap HashMap. */
final class HeapStateStore implements StateStore {

    private final Map<ByteKey, byte[]> entries = new HashMap<>();

    @Override
    public byte[] get(byte[] key) {
        return entries.get(new ByteKey(key));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        entries.put(new ByteKey(key), value);
    }

    @Override
    public void remove(byte[] key) {
        entries.remove(new ByteKey(key));
    }

    @Override
    public void forEach(BiConsumer<byte[], byte[]> action) {
        entries.forEach((key, value) -> action.accept(key.bytes(), value));
    }

    @Override
    public void clear() {
        entries.clear();
    }

    @Override
    public void close() {
        entries.clear();
    }
}
