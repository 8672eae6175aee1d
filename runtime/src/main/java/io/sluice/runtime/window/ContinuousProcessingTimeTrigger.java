package io.sluice.runtime.window;

import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import io.sluice.api.windowing.Window;

/** Fires every {@code interval} of processing time (interval-aligned) while the window receives elements. */
public final class ContinuousProcessingTimeTrigger implements Trigger {

    private static final ValueStateDescriptor<Long> NEXT_FIRE =
            new ValueStateDescriptor<>("window-trigger-continuous-processing", Long.class);

    private final long interval;

    public ContinuousProcessingTimeTrigger(long interval) {
        if (interval <= 0) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.interval = interval;
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, Window window, Context context) {
        ValueState<Long> next = context.state(NEXT_FIRE);
        if (next.value() == null) {
            long now = context.currentProcessingTime();
            scheduleNext(now - Math.floorMod(now, interval), window, context);
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, Window window, Context context) {
        ValueState<Long> next = context.state(NEXT_FIRE);
        if (next.value() != null && next.value() == time) {
            scheduleNext(time, window, context);
            return TriggerResult.FIRE;
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(Window window, Context context) {
        ValueState<Long> next = context.state(NEXT_FIRE);
        if (next.value() != null) {
            context.deleteProcessingTimeTimer(next.value());
            next.clear();
        }
    }

    private void scheduleNext(long time, Window window, Context context) {
        long next = Math.min(time + interval, window.maxTimestamp());
        context.state(NEXT_FIRE).update(next);
        context.registerProcessingTimeTimer(next);
    }
}
