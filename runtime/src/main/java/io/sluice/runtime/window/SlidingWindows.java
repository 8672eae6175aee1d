package io.sluice.runtime.window;

import io.sluice.api.windowing.TimeWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * Windows of {@code size} starting every {@code slide}: an element belongs to every window whose start is a
 * slide-aligned time in {@code (t - size, t]}, latest start first.
 */
public final class SlidingWindows implements WindowAssigner {

    private final long size;
    private final long slide;
    private final long offset;
    private final boolean eventTime;

    public SlidingWindows(long size, long slide, long offset, boolean eventTime) {
        if (size <= 0 || slide <= 0 || Math.abs(offset) >= slide) {
            throw new IllegalArgumentException("need size, slide > 0 and |offset| < slide");
        }
        this.size = size;
        this.slide = slide;
        this.offset = offset;
        this.eventTime = eventTime;
    }

    @Override
    public List<TimeWindow> assignWindows(Object element, long timestamp, long processingTime) {
        long time = eventTime ? timestamp : processingTime;
        List<TimeWindow> windows = new ArrayList<>((int) (size / slide) + 1);
        for (long start = TimeWindow.startOf(time, offset, slide); start > time - size; start -= slide) {
            windows.add(new TimeWindow(start, start + size));
        }
        return windows;
    }

    @Override
    public Trigger defaultTrigger() {
        return eventTime ? new EventTimeTrigger() : new ProcessingTimeTrigger();
    }

    @Override
    public boolean isEventTime() {
        return eventTime;
    }
}
