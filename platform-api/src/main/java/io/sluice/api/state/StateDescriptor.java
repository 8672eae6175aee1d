package io.sluice.api.state;

import java.io.Serializable;

/**
 * Names and types a piece of keyed state; the state backend hands out the state {@code S} it describes. The name
 * identifies the state in snapshots: keep it stable across job versions.
 *
 * @param <S> the state interface this descriptor yields
 */
public sealed interface StateDescriptor<S> extends Serializable
        permits ValueStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor,
                AggregatingStateDescriptor {

    String name();

    /** Time-to-live, or null when values live until cleared. */
    StateTtlConfig ttl();
}
