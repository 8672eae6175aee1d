package io.sluice.api.state;

import java.util.Objects;

/**
 * Describes a {@link ListState}.
 *
 * @param elementType the element class
 * @param ttl null for no time-to-live; else it applies to the key's whole list
 */
public record ListStateDescriptor<T>(String name, Class<T> elementType, StateTtlConfig ttl)
        implements StateDescriptor<ListState<T>> {

    public ListStateDescriptor {
        DescriptorChecks.name(name);
        Objects.requireNonNull(elementType, "elementType");
    }

    public ListStateDescriptor(String name, Class<T> elementType) {
        this(name, elementType, null);
    }

    public ListStateDescriptor<T> withTtl(StateTtlConfig config) {
        return new ListStateDescriptor<>(name, elementType, config);
    }
}
