package io.sluice.runtime.window;

import io.sluice.api.windowing.Window;
import java.util.List;

/** Keeps the last {@code maxCount} elements (the earliest arrivals are removed). */
public record CountEvictor(long maxCount, boolean evictsAfter) implements Evictor {

    @Override
    public void evict(List<TimestampedValue> elements, Window window) {
        if (elements.size() > maxCount) {
            elements.subList(0, (int) (elements.size() - maxCount)).clear();
        }
    }
}
