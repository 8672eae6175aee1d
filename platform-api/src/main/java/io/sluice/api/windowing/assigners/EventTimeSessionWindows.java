package io.sluice.api.windowing.assigners;

import io.sluice.api.windowing.SessionGapExtractor;
import io.sluice.api.JavaFunctions;
import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.TimeDomain;
import java.time.Duration;

/** Event-time sessions: windows close after a gap without elements; overlapping sessions merge. */
public final class EventTimeSessionWindows {

    private EventTimeSessionWindows() {}

    public static AssignerSpec withGap(Duration gap) {
        return new AssignerSpec.Session(gap.toMillis(), null, TimeDomain.EVENT);
    }

    public static <T> AssignerSpec withDynamicGap(SessionGapExtractor<T> gap) {
        return new AssignerSpec.Session(0, JavaFunctions.serialize(gap), TimeDomain.EVENT);
    }
}
