package io.sluice.graph.window;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sluice.graph.FunctionSpec;

/** Which windows an element belongs to. Durations are milliseconds. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AssignerSpec.Tumbling.class, name = "tumbling"),
    @JsonSubTypes.Type(value = AssignerSpec.Sliding.class, name = "sliding"),
    @JsonSubTypes.Type(value = AssignerSpec.Session.class, name = "session"),
    @JsonSubTypes.Type(value = AssignerSpec.Global.class, name = "global")
})
public sealed interface AssignerSpec {

    /** Windows of {@code size}, one after the other, aligned to the epoch plus {@code offset}. */
    record Tumbling(long size, long offset, TimeDomain time) implements AssignerSpec {
        public Tumbling {
            positive(size, "size");
        }
    }

    /** Windows of {@code size} starting every {@code slide}: an element is in about size/slide of them. */
    record Sliding(long size, long slide, long offset, TimeDomain time) implements AssignerSpec {
        public Sliding {
            positive(size, "size");
            positive(slide, "slide");
        }
    }

    /**
     * Sessions: an element opens {@code [t, t + gap)}, and overlapping or touching windows merge.
     *
     * @param gap the static gap; ignored when {@code dynamicGap} is set
     * @param dynamicGap null, or a SessionGapExtractor / an expression giving the gap of each element
     */
    record Session(long gap, FunctionSpec dynamicGap, TimeDomain time) implements AssignerSpec {
        public Session {
            if (dynamicGap == null) {
                positive(gap, "gap");
            }
        }
    }

    /** One window per key, forever (needs a trigger). */
    record Global() implements AssignerSpec {}

    private static void positive(long value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
