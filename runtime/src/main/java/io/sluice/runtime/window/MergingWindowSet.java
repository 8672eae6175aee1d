package io.sluice.runtime.window;

import io.sluice.api.windowing.TimeWindow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session windows of one key and where their contents live. A merged window keeps the state of one of the
 * windows it was merged from (its "state window"), so merging moves only the other windows' state. Load it per key
 * from state, change it, and store {@link #mapping()} back.
 */
final class MergingWindowSet {

    /** Told about each merge before it takes effect, to merge trigger state and contents. */
    interface MergeCallback {
        void merge(TimeWindow result, Collection<TimeWindow> mergedWindows, TimeWindow stateWindow,
                Collection<TimeWindow> mergedStateWindows) throws Exception;
    }

    private final MergingWindowAssigner assigner;
    /** Window → the window whose namespace holds its contents. */
    private final LinkedHashMap<TimeWindow, TimeWindow> mapping;

    MergingWindowSet(MergingWindowAssigner assigner, Map<TimeWindow, TimeWindow> mapping) {
        this.assigner = assigner;
        this.mapping = new LinkedHashMap<>(mapping);
    }

    LinkedHashMap<TimeWindow, TimeWindow> mapping() {
        return mapping;
    }

    /** The namespace holding the contents of {@code window}; null if the window is not (or no longer) in the set. */
    TimeWindow stateWindow(TimeWindow window) {
        return mapping.get(window);
    }

    /** Forgets a window (it was fired for the last time, or is late). */
    void retire(TimeWindow window) {
        if (mapping.remove(window) == null) {
            throw new IllegalStateException("window " + window + " is not in the merging window set");
        }
    }

    /**
     * Adds a new window and merges whatever now overlaps.
     *
     * @return the window the new one ended up in (itself, or a merged window containing it)
     */
    TimeWindow addWindow(TimeWindow newWindow, MergeCallback callback) throws Exception {
        List<TimeWindow> windows = new ArrayList<>(mapping.keySet());
        windows.add(newWindow);
        TimeWindow result = newWindow;
        boolean newWindowMerged = false;
        for (MergingWindowAssigner.Merge merge : assigner.mergeWindows(windows)) {
            TimeWindow stateWindow = null;
            List<TimeWindow> mergedStateWindows = new ArrayList<>();
            for (TimeWindow merged : merge.windows()) {
                TimeWindow state = mapping.remove(merged);
                if (state != null) {
                    if (stateWindow == null) {
                        stateWindow = state;
                    } else {
                        mergedStateWindows.add(state);
                    }
                }
            }
            if (merge.windows().contains(newWindow)) {
                newWindowMerged = true;
                result = merge.result();
            }
            if (stateWindow == null) {
                stateWindow = merge.result();
            }
            mapping.put(merge.result(), stateWindow);
            // The new window has no state yet; a window merged into itself needs nothing.
            List<TimeWindow> mergedWindows = new ArrayList<>(merge.windows());
            mergedWindows.remove(merge.result());
            if (!mergedWindows.isEmpty()) {
                callback.merge(merge.result(), mergedWindows, stateWindow, mergedStateWindows);
            }
        }
        if (!newWindowMerged) {
            mapping.putIfAbsent(newWindow, newWindow);
        }
        return result;
    }
}
