package io.sluice.runtime.window;

import io.sluice.api.windowing.SessionGapExtractor;
import io.sluice.api.windowing.TimeWindow;
import java.util.List;

/** Sessions: each element opens {@code [t, t + gap)} (a static gap, or one per element); overlapping windows merge. */
public final class SessionWindows extends MergingWindowAssigner {

    private final SessionGapExtractor<Object> gap;
    private final boolean eventTime;

    public SessionWindows(SessionGapExtractor<Object> gap, boolean eventTime) {
        this.gap = gap;
        this.eventTime = eventTime;
    }

    public static SessionWindows withGap(long gap, boolean eventTime) {
        if (gap <= 0) {
            throw new IllegalArgumentException("session gap must be positive, got " + gap);
        }
        return new SessionWindows(element -> gap, eventTime);
    }

    @Override
    public List<TimeWindow> assignWindows(Object element, long timestamp, long processingTime) {
        long time = eventTime ? timestamp : processingTime;
        long elementGap = gap.extract(element);
        if (elementGap <= 0) {
            throw new IllegalArgumentException("session gap must be positive, got " + elementGap + " for " + element);
        }
        return List.of(new TimeWindow(time, time + elementGap));
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
