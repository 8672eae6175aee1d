package io.sluice.api.state;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Time-to-live of keyed state, in processing time. An expired value is never returned and is removed lazily (when it
 * is next accessed, and from full snapshots). The timestamp is kept per stored value: per key (and namespace) for
 * value, reducing and aggregating state, and for a key's whole list or map.
 *
 * @param ttl how long a value lives after its last refresh
 * @param updateType which accesses refresh it
 * @param visibility what reads see of expired values
 */
public record StateTtlConfig(Duration ttl, UpdateType updateType, StateVisibility visibility) implements Serializable {

    /** Which accesses refresh a value's timestamp. */
    public enum UpdateType {
        /** Creating or writing the value. */
        ON_CREATE_AND_WRITE,
        /** Reads as well as writes. */
        ON_READ_AND_WRITE
    }

    /** What reads see of values that expired but were not yet removed. */
    public enum StateVisibility {
        NEVER_RETURN_EXPIRED
    }

    public StateTtlConfig {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(updateType, "updateType");
        Objects.requireNonNull(visibility, "visibility");
        if (ttl.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("state ttl must be at least 1 ms (timestamps are in millis): " + ttl);
        }
    }

    /** Refreshed on create and write; expired values never returned. */
    public static StateTtlConfig of(Duration ttl) {
        return new StateTtlConfig(ttl, UpdateType.ON_CREATE_AND_WRITE, StateVisibility.NEVER_RETURN_EXPIRED);
    }

    public StateTtlConfig withUpdateType(UpdateType type) {
        return new StateTtlConfig(ttl, type, visibility);
    }
}
