package io.sluice.runtime.window;

import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import io.sluice.api.windowing.DeltaFunction;
import io.sluice.api.windowing.Window;

/**
 * Fires when the delta between the element that last fired (initially the window's first element) and a new
 * element is strictly greater than the threshold; that element becomes the one compared with.
 */
public final class DeltaTrigger implements Trigger {

    private static final ValueStateDescriptor<Object> LAST =
            new ValueStateDescriptor<>("window-trigger-delta-last", Object.class);

    private final double threshold;
    private final DeltaFunction<Object> delta;

    public DeltaTrigger(double threshold, DeltaFunction<Object> delta) {
        this.threshold = threshold;
        this.delta = delta;
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, Window window, Context context) throws Exception {
        ValueState<Object> last = context.state(LAST);
        if (last.value() == null) {
            last.update(element);
            return TriggerResult.CONTINUE;
        }
        if (delta.getDelta(last.value(), element) > threshold) {
            last.update(element);
            return TriggerResult.FIRE;
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(Window window, Context context) {
        context.state(LAST).clear();
    }
}
