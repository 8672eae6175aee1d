package io.sluice.runtime.window;

import io.sluice.api.state.StateDescriptor;
import io.sluice.api.windowing.Window;
import java.util.Collection;

/**
 * Decides when a window is evaluated. Called with the window's key set; state and timers it registers belong to
 * that key and window, and it must delete them in {@link #clear}.
 */
public interface Trigger {

    TriggerResult onElement(Object element, long timestamp, Window window, Context context) throws Exception;

    /** An event-time timer of this window fired; a trigger that sets none need not override this. */
    default TriggerResult onEventTime(long time, Window window, Context context) throws Exception {
        return TriggerResult.CONTINUE;
    }

    /** A processing-time timer of this window fired; a trigger that sets none need not override this. */
    default TriggerResult onProcessingTime(long time, Window window, Context context) throws Exception {
        return TriggerResult.CONTINUE;
    }

    /** Whether {@link #onMerge} is supported: triggers used with session windows must merge. */
    default boolean canMerge() {
        return false;
    }

    /** {@code window} was merged from {@code mergedWindows}: re-register timers and merge state into it. */
    default void onMerge(Window window, Collection<? extends Window> mergedWindows, Context context) throws Exception {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be used with merging windows");
    }

    /** The window is gone: delete this trigger's timers and state of it. */
    void clear(Window window, Context context) throws Exception;

    /**
     * Time, timers and state of the current key and window. A state handle reads and writes the window it was last
     * asked for: after asking for another window's state, ask again.
     */
    interface Context {
        long currentWatermark();

        long currentProcessingTime();

        void registerEventTimeTimer(long time);

        void registerProcessingTimeTimer(long time);

        void deleteEventTimeTimer(long time);

        void deleteProcessingTimeTimer(long time);

        /** State of the current key and window. */
        <S> S state(StateDescriptor<S> descriptor);

        /** State of the current key in another window (for merging). */
        <S> S state(StateDescriptor<S> descriptor, Window window);
    }
}
