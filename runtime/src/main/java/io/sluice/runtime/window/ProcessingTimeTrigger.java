package io.sluice.runtime.window;

import io.sluice.api.windowing.Window;
import java.util.Collection;

/** Fires when processing time reaches the window's max timestamp. */
public final class ProcessingTimeTrigger implements Trigger {

    @Override
    public TriggerResult onElement(Object element, long timestamp, Window window, Context context) {
        context.registerProcessingTimeTimer(window.maxTimestamp());
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, Window window, Context context) {
        return TriggerResult.FIRE;
    }

    @Override
    public boolean canMerge() {
        return true;
    }

    @Override
    public void onMerge(Window window, Collection<? extends Window> mergedWindows, Context context) {
        if (window.maxTimestamp() > context.currentProcessingTime()) {
            context.registerProcessingTimeTimer(window.maxTimestamp());
        }
    }

    @Override
    public void clear(Window window, Context context) {
        context.deleteProcessingTimeTimer(window.maxTimestamp());
    }
}
