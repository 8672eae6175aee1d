package io.sluice.api.windowing.triggers;

import io.sluice.api.windowing.DeltaFunction;
import io.sluice.api.JavaFunctions;
import io.sluice.graph.window.TriggerSpec;
import java.time.Duration;

/**
 * Triggers for {@code WindowedStream.trigger} (Flink's EventTimeTrigger.create(), CountTrigger.of(n), ...).
 */
public final class Triggers {

    private Triggers() {}

    public static TriggerSpec eventTime() {
        return new TriggerSpec.EventTime();
    }

    public static TriggerSpec processingTime() {
        return new TriggerSpec.ProcessingTime();
    }

    public static TriggerSpec count(long count) {
        return new TriggerSpec.Count(count);
    }

    /** Fires when {@code delta(lastFired, new) > threshold}. */
    public static <T> TriggerSpec delta(double threshold, DeltaFunction<T> delta) {
        return new TriggerSpec.Delta(threshold, JavaFunctions.serialize(delta));
    }

    public static TriggerSpec continuousEventTime(Duration interval) {
        return new TriggerSpec.ContinuousEventTime(interval.toMillis());
    }

    public static TriggerSpec continuousProcessingTime(Duration interval) {
        return new TriggerSpec.ContinuousProcessingTime(interval.toMillis());
    }

    public static TriggerSpec purging(TriggerSpec trigger) {
        return new TriggerSpec.Purging(trigger);
    }
}
