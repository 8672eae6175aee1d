package io.sluice.api.windowing.assigners;

import io.sluice.api.windowing.SessionGapExtractor;
import io.sluice.api.JavaFunctions;
import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.TimeDomain;
import java.time.Duration;

/** Processing-time sessions. */
public final class ProcessingTimeSessionWindows {

    private ProcessingTimeSessionWindows() {}

    public static AssignerSpec withGap(Duration gap) {
        return new AssignerSpec.Session(gap.toMillis(), null, TimeDomain.PROCESSING);
    }

    public static <T> AssignerSpec withDynamicGap(SessionGapExtractor<T> gap) {
        return new AssignerSpec.Session(0, JavaFunctions.serialize(gap), TimeDomain.PROCESSING);
    }
}
