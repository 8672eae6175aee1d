package io.sluice.runtime.window;

import io.sluice.api.windowing.Window;
import java.util.Collection;

/** Wraps a trigger so that every firing also purges the window's contents. */
public final class PurgingTrigger implements Trigger {

    private final Trigger nested;

    public PurgingTrigger(Trigger nested) {
        this.nested = nested;
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, Window window, Context context) throws Exception {
        return purging(nested.onElement(element, timestamp, window, context));
    }

    @Override
    public TriggerResult onEventTime(long time, Window window, Context context) throws Exception {
        return purging(nested.onEventTime(time, window, context));
    }

    @Override
    public TriggerResult onProcessingTime(long time, Window window, Context context) throws Exception {
        return purging(nested.onProcessingTime(time, window, context));
    }

    @Override
    public boolean canMerge() {
        return nested.canMerge();
    }

    @Override
    public void onMerge(Window window, Collection<? extends Window> mergedWindows, Context context) throws Exception {
        nested.onMerge(window, mergedWindows, context);
    }

    @Override
    public void clear(Window window, Context context) throws Exception {
        nested.clear(window, context);
    }

    private static TriggerResult purging(TriggerResult result) {
        return result.isFire() ? TriggerResult.FIRE_AND_PURGE : result;
    }
}
