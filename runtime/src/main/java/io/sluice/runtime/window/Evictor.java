package io.sluice.runtime.window;

import io.sluice.api.windowing.Window;
import java.util.List;

/**
 * Removes elements from a window's contents before or after the window function runs. {@link #evict} edits
 * {@code elements} (in arrival order) in place.
 */
public interface Evictor {

    /** True to evict after the window function, false before. */
    boolean evictsAfter();

    void evict(List<TimestampedValue> elements, Window window);
}
