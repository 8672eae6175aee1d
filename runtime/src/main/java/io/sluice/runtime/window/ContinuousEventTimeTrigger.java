package io.sluice.runtime.window;

import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import io.sluice.api.windowing.Window;
import java.util.Collection;

/**
 * Fires every {@code interval} of event time (at interval-aligned times after the first element), and when the
 * watermark reaches the window's end.
 */
public final class ContinuousEventTimeTrigger implements Trigger {

    private static final ValueStateDescriptor<Long> NEXT_FIRE =
            new ValueStateDescriptor<>("window-trigger-continuous-event", Long.class);

    private final long interval;

    public ContinuousEventTimeTrigger(long interval) {
        if (interval <= 0) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.interval = interval;
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, Window window, Context context) {
        if (window.maxTimestamp() <= context.currentWatermark()) {
            return TriggerResult.FIRE;
        }
        context.registerEventTimeTimer(window.maxTimestamp());
        ValueState<Long> next = context.state(NEXT_FIRE);
        if (next.value() == null) {
            scheduleNext(timestamp - Math.floorMod(timestamp, interval), window, context);
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, Window window, Context context) {
        if (time == window.maxTimestamp()) {
            return TriggerResult.FIRE;
        }
        ValueState<Long> next = context.state(NEXT_FIRE);
        if (next.value() != null && next.value() == time) {
            scheduleNext(time, window, context);
            return TriggerResult.FIRE;
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public boolean canMerge() {
        return true;
    }

    @Override
    public void onMerge(Window window, Collection<? extends Window> mergedWindows, Context context) {
        Long earliest = null;
        for (Window merged : mergedWindows) {
            Long next = context.state(NEXT_FIRE, merged).value();
            if (next != null && (earliest == null || next < earliest)) {
                earliest = next;
            }
        }
        if (earliest != null) {
            context.state(NEXT_FIRE).update(earliest);
            context.registerEventTimeTimer(earliest);
        }
        if (window.maxTimestamp() > context.currentWatermark()) {
            context.registerEventTimeTimer(window.maxTimestamp());
        }
    }

    @Override
    public void clear(Window window, Context context) {
        ValueState<Long> next = context.state(NEXT_FIRE);
        if (next.value() != null) {
            context.deleteEventTimeTimer(next.value());
            next.clear();
        }
        context.deleteEventTimeTimer(window.maxTimestamp());
    }

    private void scheduleNext(long time, Window window, Context context) {
        long next = Math.min(time + interval, window.maxTimestamp());
        context.state(NEXT_FIRE).update(next);
        context.registerEventTimeTimer(next);
    }
}
