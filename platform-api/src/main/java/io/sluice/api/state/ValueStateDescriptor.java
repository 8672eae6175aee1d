package io.sluice.api.state;

import java.util.Objects;

/**
 * Describes a {@link ValueState}.
 *
 * @param type the value class (values are cast to it on read)
 * @param ttl null for no time-to-live
 */
public record ValueStateDescriptor<T>(String name, Class<T> type, StateTtlConfig ttl)
        implements StateDescriptor<ValueState<T>> {

    public ValueStateDescriptor {
        DescriptorChecks.name(name);
        Objects.requireNonNull(type, "type");
    }

    public ValueStateDescriptor(String name, Class<T> type) {
        this(name, type, null);
    }

    public ValueStateDescriptor<T> withTtl(StateTtlConfig config) {
        return new ValueStateDescriptor<>(name, type, config);
    }
}
