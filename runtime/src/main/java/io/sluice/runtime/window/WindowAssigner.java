package io.sluice.runtime.window;

import io.sluice.api.windowing.Window;
import java.util.Collection;

/** Puts an element into windows (one class per kind of window). */
public interface WindowAssigner {

    /**
     * @param timestamp the element's event timestamp
     * @param processingTime now, for processing-time assigners
     */
    Collection<? extends Window> assignWindows(Object element, long timestamp, long processingTime);

    /** The trigger used when the job names none. */
    Trigger defaultTrigger();

    boolean isEventTime();

    /** Merging assigners (sessions) return a {@link MergingWindowAssigner}. */
    default boolean isMerging() {
        return false;
    }
}
