package io.sluice.runtime.window;

import io.sluice.api.windowing.Window;
import java.util.Collection;

/**
 * Fires once the watermark reaches the window's max timestamp; an element that arrives after that (within allowed
 * lateness) fires the window again at once.
 */
public final class EventTimeTrigger implements Trigger {

    @Override
    public TriggerResult onElement(Object element, long timestamp, Window window, Context context) {
        if (window.maxTimestamp() <= context.currentWatermark()) {
            return TriggerResult.FIRE;
        }
        context.registerEventTimeTimer(window.maxTimestamp());
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, Window window, Context context) {
        return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public boolean canMerge() {
        return true;
    }

    /** The merged windows' timers are deleted by their clear; the merged window needs its own. */
    @Override
    public void onMerge(Window window, Collection<? extends Window> mergedWindows, Context context) {
        if (window.maxTimestamp() > context.currentWatermark()) {
            context.registerEventTimeTimer(window.maxTimestamp());
        }
    }

    @Override
    public void clear(Window window, Context context) {
        context.deleteEventTimeTimer(window.maxTimestamp());
    }
}
