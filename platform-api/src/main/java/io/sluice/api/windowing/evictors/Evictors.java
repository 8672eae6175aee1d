package io.sluice.api.windowing.evictors;

import io.sluice.api.windowing.DeltaFunction;
import io.sluice.api.JavaFunctions;
import io.sluice.graph.window.EvictorSpec;
import java.time.Duration;

/** Evictors for {@code WindowedStream.evictor}; by default they evict before the window function. */
public final class Evictors {

    private Evictors() {}

    public static EvictorSpec count(long count) {
        return new EvictorSpec.Count(count, false);
    }

    public static EvictorSpec count(long count, boolean evictAfter) {
        return new EvictorSpec.Count(count, evictAfter);
    }

    public static EvictorSpec time(Duration size) {
        return new EvictorSpec.Time(size.toMillis(), false);
    }

    public static EvictorSpec time(Duration size, boolean evictAfter) {
        return new EvictorSpec.Time(size.toMillis(), evictAfter);
    }

    public static <T> EvictorSpec delta(double threshold, DeltaFunction<T> delta) {
        return new EvictorSpec.Delta(threshold, JavaFunctions.serialize(delta), false);
    }

    public static <T> EvictorSpec delta(double threshold, DeltaFunction<T> delta, boolean evictAfter) {
        return new EvictorSpec.Delta(threshold, JavaFunctions.serialize(delta), evictAfter);
    }
}
