package io.sluice.api.state;

import java.util.Objects;

/**
 * Describes a {@link MapState}.
 *
 * @param keyType the user key class
 * @param valueType the user value class
 * @param ttl null for no time-to-live; else it applies to the key's whole map
 */
public record MapStateDescriptor<K, V>(String name, Class<K> keyType, Class<V> valueType, StateTtlConfig ttl)
        implements StateDescriptor<MapState<K, V>> {

    public MapStateDescriptor {
        DescriptorChecks.name(name);
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
    }

    public MapStateDescriptor(String name, Class<K> keyType, Class<V> valueType) {
        this(name, keyType, valueType, null);
    }

    public MapStateDescriptor<K, V> withTtl(StateTtlConfig config) {
        return new MapStateDescriptor<>(name, keyType, valueType, config);
    }
}
