package io.sluice.graph.window;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sluice.graph.FunctionSpec;

/** When a window is evaluated (Flink's triggers). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TriggerSpec.EventTime.class, name = "event-time"),
    @JsonSubTypes.Type(value = TriggerSpec.ProcessingTime.class, name = "processing-time"),
    @JsonSubTypes.Type(value = TriggerSpec.Count.class, name = "count"),
    @JsonSubTypes.Type(value = TriggerSpec.Delta.class, name = "delta"),
    @JsonSubTypes.Type(value = TriggerSpec.ContinuousEventTime.class, name = "continuous-event-time"),
    @JsonSubTypes.Type(value = TriggerSpec.ContinuousProcessingTime.class, name = "continuous-processing-time"),
    @JsonSubTypes.Type(value = TriggerSpec.Purging.class, name = "purging")
})
public sealed interface TriggerSpec {

    /** Fires when the watermark passes the window's end (and for every element arriving within lateness). */
    record EventTime() implements TriggerSpec {}

    /** Fires when processing time passes the window's end. */
    record ProcessingTime() implements TriggerSpec {}

    /** Fires every {@code count} elements of the window. */
    record Count(long count) implements TriggerSpec {}

    /**
     * Fires when the delta between the last element that fired (the first element initially) and a new one is
     * strictly greater than {@code threshold}. The delta is a DeltaFunction or an expression over the new element
     * with {@code #old} the old one.
     */
    record Delta(double threshold, FunctionSpec delta) implements TriggerSpec {}

    /** Fires every {@code interval} of event time, and at the window's end. */
    record ContinuousEventTime(long interval) implements TriggerSpec {}

    /** Fires every {@code interval} of processing time. */
    record ContinuousProcessingTime(long interval) implements TriggerSpec {}

    /** Turns each firing of {@code trigger} into fire-and-purge. */
    record Purging(TriggerSpec trigger) implements TriggerSpec {}
}
