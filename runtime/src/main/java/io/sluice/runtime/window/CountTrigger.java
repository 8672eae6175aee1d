package io.sluice.runtime.window;

import io.sluice.api.state.ReducingState;
import io.sluice.api.state.ReducingStateDescriptor;
import io.sluice.api.windowing.Window;
import java.util.Collection;

/** Fires (and restarts counting) when a window has received {@code maxCount} elements since it last fired. */
public final class CountTrigger implements Trigger {

    private static final ReducingStateDescriptor<Long> COUNT =
            new ReducingStateDescriptor<>("window-trigger-count", Long::sum, Long.class);

    private final long maxCount;

    public CountTrigger(long maxCount) {
        if (maxCount <= 0) {
            throw new IllegalArgumentException("count must be positive, got " + maxCount);
        }
        this.maxCount = maxCount;
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, Window window, Context context) throws Exception {
        ReducingState<Long> count = context.state(COUNT);
        count.add(1L);
        if (count.get() >= maxCount) {
            count.clear();
            return TriggerResult.FIRE;
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public boolean canMerge() {
        return true;
    }

    @Override
    public void onMerge(Window window, Collection<? extends Window> mergedWindows, Context context) throws Exception {
        long total = 0;
        for (Window merged : mergedWindows) {
            Long count = context.state(COUNT, merged).get();
            total += count == null ? 0 : count;
        }
        if (total > 0) {
            context.state(COUNT).add(total);
        }
    }

    @Override
    public void clear(Window window, Context context) {
        context.state(COUNT).clear();
    }
}
