package io.sluice.runtime.window;

import io.sluice.api.windowing.TimeWindow;
import java.util.List;

/** Back-to-back windows of one size: {@code start = t - (t - offset + size) % size}. */
public final class TumblingWindows implements WindowAssigner {

    private final long size;
    private final long offset;
    private final boolean eventTime;

    public TumblingWindows(long size, long offset, boolean eventTime) {
        if (size <= 0 || Math.abs(offset) >= size) {
            throw new IllegalArgumentException("need size > 0 and |offset| < size, got " + size + ", " + offset);
        }
        this.size = size;
        this.offset = offset;
        this.eventTime = eventTime;
    }

    @Override
    public List<TimeWindow> assignWindows(Object element, long timestamp, long processingTime) {
        long time = eventTime ? timestamp : processingTime;
        long start = TimeWindow.startOf(time, offset, size);
        return List.of(new TimeWindow(start, start + size));
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
