package io.sluice.runtime.window;

import io.sluice.api.windowing.Window;
import java.util.Collection;
import java.util.List;

/**
 * The elements of a window as kept in keyed state, in the backend's current namespace (the operator sets it to the
 * window's state window first): either every element (for evictors and full-window functions) or one incrementally
 * aggregated value.
 */
interface WindowContents {

    void add(Object value, long timestamp) throws Exception;

    /** What the window function gets; empty when the window holds nothing. */
    List<Object> values() throws Exception;

    void clear();

    /**
     * Merges a {@link WindowPartial}'s accumulator into the window. Only contents of an incremental function can;
     * {@link WindowPreAggregation} sends partials to no other.
     */
    default void addPartial(Object accumulator) throws Exception {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot merge pre-aggregated partials");
    }

    /** Moves the contents of {@code sources} into {@code target} (namespaces are windows); leaves the namespace at target. */
    void merge(Window target, Collection<? extends Window> sources) throws Exception;

    /** Contents that keep every element, for evictors. */
    interface Elements extends WindowContents {
        /** A mutable copy of the elements in arrival order. */
        List<TimestampedValue> elements();

        void replace(List<TimestampedValue> elements);
    }
}
