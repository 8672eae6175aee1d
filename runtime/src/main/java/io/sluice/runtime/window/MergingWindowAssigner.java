package io.sluice.runtime.window;

import io.sluice.api.windowing.TimeWindow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An assigner whose windows merge when they overlap or touch (sessions). */
public abstract class MergingWindowAssigner implements WindowAssigner {

    /** A merge: {@code windows} (two or more) become {@code result}. */
    public record Merge(TimeWindow result, Set<TimeWindow> windows) {}

    @Override
    public final boolean isMerging() {
        return true;
    }

    /**
     * Groups {@code windows} into runs of overlapping or touching windows (sorted by start); each run of two or more
     * is one merge into the window covering it.
     */
    public List<Merge> mergeWindows(Collection<TimeWindow> windows) {
        List<TimeWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingLong(TimeWindow::start));
        List<Merge> merges = new ArrayList<>();
        TimeWindow cover = null;
        Set<TimeWindow> run = new LinkedHashSet<>();
        for (TimeWindow window : sorted) {
            if (cover != null && cover.intersects(window)) {
                cover = cover.cover(window);
            } else {
                addIfMerge(merges, cover, run);
                cover = window;
                run = new LinkedHashSet<>();
            }
            run.add(window);
        }
        addIfMerge(merges, cover, run);
        return merges;
    }

    private static void addIfMerge(List<Merge> merges, TimeWindow cover, Set<TimeWindow> run) {
        if (run.size() > 1) {
            merges.add(new Merge(cover, Set.copyOf(run)));
        }
    }
}
