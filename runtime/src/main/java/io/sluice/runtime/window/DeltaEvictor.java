package io.sluice.runtime.window;

import io.sluice.api.windowing.DeltaFunction;
import io.sluice.api.windowing.Window;
import java.util.List;

/** Removes elements whose delta from the window's last element ({@code getDelta(last, element)}) is {@code >= threshold}. */
public record DeltaEvictor(double threshold, DeltaFunction<Object> delta, boolean evictsAfter) implements Evictor {

    @Override
    public void evict(List<TimestampedValue> elements, Window window) {
        if (elements.isEmpty()) {
            return;
        }
        Object last = elements.get(elements.size() - 1).value();
        elements.removeIf(element -> delta.getDelta(last, element.value()) >= threshold);
    }
}
