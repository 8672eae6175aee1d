package io.sluice.api.windowing.assigners;

import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.TimeDomain;
import java.time.Duration;

/** Back-to-back event-time windows of one size, aligned to the epoch (plus an offset). */
public final class TumblingEventTimeWindows {

    private TumblingEventTimeWindows() {}

    public static AssignerSpec of(Duration size) {
        return of(size, Duration.ZERO);
    }

    public static AssignerSpec of(Duration size, Duration offset) {
        return new AssignerSpec.Tumbling(size.toMillis(), offset.toMillis(), TimeDomain.EVENT);
    }
}
