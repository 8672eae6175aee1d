package io.sluice.runtime.state;

import io.sluice.api.state.MapState;
import io.sluice.api.state.MapStateDescriptor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** {@link MapState} over a {@link SerializedKeyedStateBackend}; see {@link MapPayload}. An empty map is removed. */
final class StoredMapState<K, V> implements MapState<K, V> {

    private final SerializedKeyedStateBackend backend;
    private final RegisteredState state;
    private final Class<K> keyType;
    private final Class<V> valueType;

    StoredMapState(SerializedKeyedStateBackend backend, RegisteredState state, MapStateDescriptor<K, V> descriptor) {
        this.backend = backend;
        this.state = state;
        this.keyType = descriptor.keyType();
        this.valueType = descriptor.valueType();
    }

    @Override
    public V get(K key) {
        byte[] payload = backend.readPayload(state);
        byte[] value = payload == null ? null : MapPayload.find(payload, serializedKey(key));
        return value == null ? null : valueType.cast(backend.serializer().deserialize(value));
    }

    @Override
    public void put(K key, V value) {
        LinkedHashMap<ByteKey, byte[]> entries = MapPayload.parse(backend.readPayload(state));
        entries.put(new ByteKey(serializedKey(key)), backend.serializer().serialize(valueType.cast(value)));
        backend.writePayload(state, MapPayload.encode(entries));
    }

    @Override
    public void putAll(Map<K, V> map) {
        if (map.isEmpty()) {
            return;
        }
        LinkedHashMap<ByteKey, byte[]> entries = MapPayload.parse(backend.readPayload(state));
        map.forEach((key, value) -> entries.put(
                new ByteKey(serializedKey(key)), backend.serializer().serialize(valueType.cast(value))));
        backend.writePayload(state, MapPayload.encode(entries));
    }

    @Override
    public void remove(K key) {
        byte[] payload = backend.readPayload(state);
        if (payload == null) {
            return;
        }
        LinkedHashMap<ByteKey, byte[]> entries = MapPayload.parse(payload);
        if (entries.remove(new ByteKey(serializedKey(key))) == null) {
            return;
        }
        if (entries.isEmpty()) {
            backend.remove(state);
        } else {
            backend.writePayload(state, MapPayload.encode(entries));
        }
    }

    @Override
    public boolean contains(K key) {
        byte[] payload = backend.readPayload(state);
        return payload != null && MapPayload.find(payload, serializedKey(key)) != null;
    }

    @Override
    public Map<K, V> entries() {
        Map<K, V> map = new LinkedHashMap<>();
        MapPayload.parse(backend.readPayload(state)).forEach((key, value) -> map.put(
                keyType.cast(backend.serializer().deserialize(key.bytes())),
                valueType.cast(backend.serializer().deserialize(value))));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public Iterable<K> keys() {
        return entries().keySet();
    }

    @Override
    public Iterable<V> values() {
        return entries().values();
    }

    @Override
    public boolean isEmpty() {
        return backend.readPayload(state) == null;
    }

    @Override
    public void clear() {
        backend.remove(state);
    }

    private byte[] serializedKey(K key) {
        Objects.requireNonNull(key, "map state keys must not be null");
        return backend.serializer().serialize(keyType.cast(key));
    }
}
