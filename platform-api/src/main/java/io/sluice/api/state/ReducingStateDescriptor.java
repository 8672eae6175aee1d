package io.sluice.api.state;

import io.sluice.api.function.ReduceFunction;
import java.util.Objects;

/**
 * Describes a {@link ReducingState}.
 *
 * @param function folds an added value into the current one
 * @param type the value class
 * @param ttl null for no time-to-live
 */
public record ReducingStateDescriptor<T>(String name, ReduceFunction<T> function, Class<T> type, StateTtlConfig ttl)
        implements StateDescriptor<ReducingState<T>> {

    public ReducingStateDescriptor {
        DescriptorChecks.name(name);
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(type, "type");
    }

    public ReducingStateDescriptor(String name, ReduceFunction<T> function, Class<T> type) {
        this(name, function, type, null);
    }

    public ReducingStateDescriptor<T> withTtl(StateTtlConfig config) {
        return new ReducingStateDescriptor<>(name, function, type, config);
    }
}
