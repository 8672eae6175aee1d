package io.sluice.graph.window;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sluice.graph.FunctionSpec;

/** Removes elements from a window before (or, with {@code after}, after) the window function runs. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = EvictorSpec.Count.class, name = "count"),
    @JsonSubTypes.Type(value = EvictorSpec.Time.class, name = "time"),
    @JsonSubTypes.Type(value = EvictorSpec.Delta.class, name = "delta")
})
public sealed interface EvictorSpec {

    boolean after();

    /** Keeps the last {@code count} elements. */
    record Count(long count, boolean after) implements EvictorSpec {}

    /** Removes elements with timestamp {@code <= newest - size}. */
    record Time(long size, boolean after) implements EvictorSpec {}

    /** Removes elements whose delta to the last element is {@code >= threshold}. */
    record Delta(double threshold, FunctionSpec delta, boolean after) implements EvictorSpec {}
}
