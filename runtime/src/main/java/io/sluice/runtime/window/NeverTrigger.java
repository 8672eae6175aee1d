package io.sluice.runtime.window;

import io.sluice.api.windowing.Window;
import java.util.Collection;

/** The global window's default: never fires. */
final class NeverTrigger implements Trigger {

    @Override
    public TriggerResult onElement(Object element, long timestamp, Window window, Context context) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public boolean canMerge() {
        return true;
    }

    @Override
    public void onMerge(Window window, Collection<? extends Window> mergedWindows, Context context) {}

    @Override
    public void clear(Window window, Context context) {}
}
