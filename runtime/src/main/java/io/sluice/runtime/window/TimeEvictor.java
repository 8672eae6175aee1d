package io.sluice.runtime.window;

import io.sluice.api.windowing.Window;
import java.util.List;

/** Removes elements with {@code timestamp <= newest - size}, newest being the largest timestamp in the window. */
public record TimeEvictor(long size, boolean evictsAfter) implements Evictor {

    @Override
    public void evict(List<TimestampedValue> elements, Window window) {
        if (elements.isEmpty()) {
            return;
        }
        long newest = elements.stream().mapToLong(TimestampedValue::timestamp).max().getAsLong();
        long cutoff = newest - size;
        elements.removeIf(element -> element.timestamp() <= cutoff);
    }
}
