package io.sluice.api.windowing.assigners;

import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.TimeDomain;
import java.time.Duration;

/** Processing-time windows of {@code size} starting every {@code slide}. */
public final class SlidingProcessingTimeWindows {

    private SlidingProcessingTimeWindows() {}

    public static AssignerSpec of(Duration size, Duration slide) {
        return new AssignerSpec.Sliding(size.toMillis(), slide.toMillis(), 0, TimeDomain.PROCESSING);
    }
}
