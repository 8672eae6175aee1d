package io.sluice.runtime.window;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.Partitioning;
import io.sluice.graph.VertexSpec;
import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.TimeDomain;
import io.sluice.graph.window.TriggerSpec;
import io.sluice.graph.window.WindowFunctionSpec;
import java.util.List;
import java.util.Optional;

/**
 * When records are pre-aggregated before the shuffle into a window (Flink's local aggregation; Kafka Streams does
 * not do it): the upstream task folds its records per key and window into {@link WindowPartial}s with a
 * {@link WindowPreAggregator} at the end of its chain, so the shuffle and the window's keyed state see one partial
 * per key and window instead of every record.
 *
 * <p>The rule is a pure function of the job graph, evaluated on both sides of the edge (the upstream chain appends
 * the pre-aggregator, the downstream input reads keys from the partials), so both always agree. It holds only where
 * the results cannot change: event-time tumbling or sliding windows with the default trigger (it fires once, at the
 * window's end, whatever the element count), an incremental function (aggregate, reduce or built-in, whose merge or
 * reduce combines partial results), no evictor, no allowed lateness and no late-data output (a late partial is
 * dropped as its records would have been, but there are no records left to send to a late output). The edge must be
 * the only output of its upstream vertex, so that the pre-aggregator can end that chain.
 *
 * <p>On unless every worker runs with {@value #ENABLED} = false. It was opt-in while some benchmark runs
 * with it on missed one result; the cause was the Chronicle state store (fixed, docs/benchmarks.md, session 5), and
 * every run since has passed the harness's check that each record is counted once per window. Workers that
 * disagree fail the job loudly (a partial reaches a key selector, or a record the cast to a partial), so they cannot
 * lose data silently.
 */
public final class WindowPreAggregation {

    /** The system property that turns pre-aggregation off ({@code false}); every worker must set it alike. */
    public static final String ENABLED = "sluice.window.pre-aggregation";

    private WindowPreAggregation() {}

    /** Whether the records on {@code edge} travel as partials. */
    public static boolean appliesTo(JobGraph graph, EdgeSpec edge) {
        return Boolean.parseBoolean(System.getProperty(ENABLED, "true")) && eligible(graph, edge);
    }

    /** Whether pre-aggregation could apply to {@code edge}, enabled or not. */
    static boolean eligible(JobGraph graph, EdgeSpec edge) {
        if (edge.partitioning() != Partitioning.HASH || edge.sideOutput() != null || edge.inputIndex() != 0
                || graph.outputsOf(edge.source()).size() != 1) {
            return false;
        }
        return graph.vertex(edge.target()).map(VertexSpec::operator).orElse(null) instanceof OperatorSpec.Window window
                && combinable(window);
    }

    /** The output edge of {@code vertexId} that its chain pre-aggregates, if any (none when disabled). */
    public static Optional<EdgeSpec> outputOf(JobGraph graph, String vertexId) {
        List<EdgeSpec> outputs = graph.outputsOf(vertexId);
        return outputs.size() == 1 && appliesTo(graph, outputs.get(0)) ? Optional.of(outputs.get(0)) : Optional.empty();
    }

    static boolean combinable(OperatorSpec.Window spec) {
        boolean eventTimeWindows = spec.assigner() instanceof AssignerSpec.Tumbling tumbling
                        && tumbling.time() == TimeDomain.EVENT
                || spec.assigner() instanceof AssignerSpec.Sliding sliding && sliding.time() == TimeDomain.EVENT;
        boolean firesOnceAtTheEnd = spec.trigger() == null || spec.trigger() instanceof TriggerSpec.EventTime;
        return eventTimeWindows && firesOnceAtTheEnd && !(spec.function() instanceof WindowFunctionSpec.Process)
                && spec.evictor() == null && spec.allowedLateness() == 0 && spec.lateOutputTopic() == null
                && spec.lateOutputTag() == null;
    }
}
