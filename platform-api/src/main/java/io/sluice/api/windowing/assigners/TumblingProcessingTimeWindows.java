package io.sluice.api.windowing.assigners;

import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.TimeDomain;
import java.time.Duration;

/** Back-to-back processing-time windows of one size. */
public final class TumblingProcessingTimeWindows {

    private TumblingProcessingTimeWindows() {}

    public static AssignerSpec of(Duration size) {
        return new AssignerSpec.Tumbling(size.toMillis(), 0, TimeDomain.PROCESSING);
    }
}
