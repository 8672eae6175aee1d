package io.sluice.runtime.task;

import io.sluice.api.function.KeySelector;
import io.sluice.graph.EdgeSpec;
import io.sluice.graph.JobGraph;
import io.sluice.runtime.operator.UserFunctions;
import io.sluice.runtime.window.WindowPartial;
import io.sluice.runtime.window.WindowPreAggregation;

/**
 * The key of the records on a HASH edge, as both ends compute it: the upstream picks the channel with it, the
 * downstream sets the keyed state's current key. On a pre-aggregated edge the records are {@link WindowPartial}s,
 * which carry the key the edge's selector gave their elements.
 */
final class EdgeKeys {

    private EdgeKeys() {}

    static KeySelector<Object, Object> of(JobGraph graph, EdgeSpec edge, ClassLoader userClassLoader) {
        if (WindowPreAggregation.appliesTo(graph, edge)) {
            return value -> ((WindowPartial) value).key();
        }
        return UserFunctions.keySelector(edge.key(), userClassLoader);
    }
}
