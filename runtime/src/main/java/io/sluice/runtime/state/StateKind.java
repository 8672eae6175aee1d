package io.sluice.runtime.state;

import io.sluice.api.state.AggregatingStateDescriptor;
import io.sluice.api.state.ListStateDescriptor;
import io.sluice.api.state.MapStateDescriptor;
import io.sluice.api.state.ReducingStateDescriptor;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.ValueStateDescriptor;

/** The kind of a named state; snapshots record it so a name cannot be restored as another kind. */
public enum StateKind {
    VALUE(1),
    LIST(2),
    MAP(3),
    REDUCING(4),
    AGGREGATING(5);

    /** Stable id in the snapshot format (ordinals are not). */
    final int code;

    StateKind(int code) {
        this.code = code;
    }

    static StateKind ofCode(int code) {
        for (StateKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown state kind code " + code);
    }

    static StateKind of(StateDescriptor<?> descriptor) {
        if (descriptor instanceof ValueStateDescriptor<?>) {
            return VALUE;
        } else if (descriptor instanceof ListStateDescriptor<?>) {
            return LIST;
        } else if (descriptor instanceof MapStateDescriptor<?, ?>) {
            return MAP;
        } else if (descriptor instanceof ReducingStateDescriptor<?>) {
            return REDUCING;
        } else if (descriptor instanceof AggregatingStateDescriptor<?, ?, ?>) {
            return AGGREGATING;
        }
        throw new IllegalArgumentException("unknown state descriptor " + descriptor);
    }
}
