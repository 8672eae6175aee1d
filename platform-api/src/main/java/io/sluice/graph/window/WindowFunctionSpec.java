package io.sluice.graph.window;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sluice.graph.FunctionSpec;

/** What a window computes from its elements. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = WindowFunctionSpec.Reduce.class, name = "reduce"),
    @JsonSubTypes.Type(value = WindowFunctionSpec.Aggregate.class, name = "aggregate"),
    @JsonSubTypes.Type(value = WindowFunctionSpec.BuiltIn.class, name = "built-in"),
    @JsonSubTypes.Type(value = WindowFunctionSpec.Process.class, name = "process")
})
public sealed interface WindowFunctionSpec {

    /**
     * Incremental reduce (a ReduceFunction or an expression with {@code #acc}); with {@code process}, the one
     * reduced value per firing goes to that ProcessWindowFunction.
     */
    record Reduce(FunctionSpec reduce, FunctionSpec process) implements WindowFunctionSpec {}

    /** Incremental AggregateFunction (Java); with {@code process} as for {@link Reduce}. */
    record Aggregate(FunctionSpec aggregate, FunctionSpec process) implements WindowFunctionSpec {}

    /**
     * A built-in aggregate over {@code field} for JSON jobs. Emits a row with {@code window-start}, {@code window-end},
     * the key and the aggregate: count/sum/min/max/avg as {@code field}'s value ({@code count} for COUNT);
     * min-by/max-by emit the chosen record (first on ties) with the window fields added.
     *
     * @param keyFields the key-by expressions as output fields (JSON jobs); empty to add none
     */
    record BuiltIn(BuiltInKind kind, String field, java.util.List<String> keyFields) implements WindowFunctionSpec {
        public BuiltIn {
            keyFields = java.util.List.copyOf(keyFields);
        }
    }

    /** A ProcessWindowFunction over all elements of the window. */
    record Process(FunctionSpec process) implements WindowFunctionSpec {}

    enum BuiltInKind {
        COUNT,
        SUM,
        MIN,
        MAX,
        AVG,
        MIN_BY,
        MAX_BY
    }
}
