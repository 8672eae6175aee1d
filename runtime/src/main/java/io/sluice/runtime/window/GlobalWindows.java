package io.sluice.runtime.window;

import io.sluice.api.windowing.GlobalWindow;
import java.util.List;

/** Every element of a key in the one {@link GlobalWindow}; it fires only through a custom trigger. */
public final class GlobalWindows implements WindowAssigner {

    @Override
    public List<GlobalWindow> assignWindows(Object element, long timestamp, long processingTime) {
        return List.of(GlobalWindow.INSTANCE);
    }

    @Override
    public Trigger defaultTrigger() {
        return new NeverTrigger();
    }

    /** Flink's choice: global windows count as event time (their cleanup time is never reached). */
    @Override
    public boolean isEventTime() {
        return true;
    }
}
