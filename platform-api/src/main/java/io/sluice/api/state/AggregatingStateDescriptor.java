package io.sluice.api.state;

import io.sluice.api.function.AggregateFunction;
import java.util.Objects;

/**
 * Describes an {@link AggregatingState}; the accumulator is what is stored.
 *
 * @param function creates, updates and reads the accumulator
 * @param accumulatorType the accumulator class
 * @param ttl null for no time-to-live
 */
public record AggregatingStateDescriptor<IN, ACC, OUT>(
        String name, AggregateFunction<IN, ACC, OUT> function, Class<ACC> accumulatorType, StateTtlConfig ttl)
        implements StateDescriptor<AggregatingState<IN, OUT>> {

    public AggregatingStateDescriptor {
        DescriptorChecks.name(name);
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(accumulatorType, "accumulatorType");
    }

    public AggregatingStateDescriptor(String name, AggregateFunction<IN, ACC, OUT> function, Class<ACC> accumulatorType) {
        this(name, function, accumulatorType, null);
    }

    public AggregatingStateDescriptor<IN, ACC, OUT> withTtl(StateTtlConfig config) {
        return new AggregatingStateDescriptor<>(name, function, accumulatorType, config);
    }
}
