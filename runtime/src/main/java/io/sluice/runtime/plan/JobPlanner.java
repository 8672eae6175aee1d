package io.sluice.runtime.plan;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.JobGraph;
import io.sluice.graph.Partitioning;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.ChannelSpec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import io.sluice.protocol.Topics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a (validated) job graph into an execution plan: operator chaining, then one Kafka channel per edge that
 * was not chained. Pure and deterministic: the same graph always gives the same plan.
 */
public final class JobPlanner {

    private JobPlanner() {}

    public static ExecutionPlan plan(JobId jobId, JobGraph graph) {
        List<VertexSpec> order = topologicalOrder(graph);
        Map<String, String> chainOf = new HashMap<>();
        List<ChainSpec> chains = new ArrayList<>();
        for (VertexSpec vertex : order) {
            if (chainOf.containsKey(vertex.id())) {
                continue;
            }
            List<String> members = new ArrayList<>();
            VertexSpec current = vertex;
            while (true) {
                members.add(current.id());
                chainOf.put(current.id(), vertex.id());
                VertexSpec next = chainedSuccessor(graph, current);
                if (next == null) {
                    break;
                }
                current = next;
            }
            chains.add(new ChainSpec(vertex.id(), members, vertex.parallelism()));
        }
        List<ChannelSpec> channels = new ArrayList<>();
        for (VertexSpec vertex : order) {
            for (EdgeSpec edge : graph.inputsOf(vertex.id())) {
                if (chainOf.get(edge.source()).equals(chainOf.get(edge.target()))) {
                    continue;
                }
                int upstream = graph.vertex(edge.source()).orElseThrow().parallelism();
                channels.add(new ChannelSpec(
                        Topics.channel(jobId, edge.source(), edge.target()),
                        edge,
                        chainOf.get(edge.source()),
                        chainOf.get(edge.target()),
                        upstream,
                        vertex.parallelism()));
            }
        }
        return new ExecutionPlan(jobId, graph, chains, channels);
    }

    /**
     * The vertex fused after {@code vertex}, or null: a sole forward edge of the main output into a sole input of
     * equal parallelism. Side outputs are never chained (only a chain's channel output routes them).
     */
    static VertexSpec chainedSuccessor(JobGraph graph, VertexSpec vertex) {
        List<EdgeSpec> outs = graph.outputsOf(vertex.id());
        if (outs.size() != 1 || outs.get(0).partitioning() != Partitioning.FORWARD || outs.get(0).sideOutput() != null) {
            return null;
        }
        VertexSpec target = graph.vertex(outs.get(0).target()).orElseThrow();
        boolean soleInput = graph.inputsOf(target.id()).size() == 1;
        return soleInput && target.parallelism() == vertex.parallelism() ? target : null;
    }

    /** Kahn's algorithm, stable in declaration order. Throws on a cycle. */
    static List<VertexSpec> topologicalOrder(JobGraph graph) {
        Map<String, Integer> inDegree = new LinkedHashMap<>();
        graph.vertices().forEach(v -> inDegree.put(v.id(), 0));
        graph.edges().forEach(e -> inDegree.merge(e.target(), 1, Integer::sum));
        ArrayDeque<String> ready = new ArrayDeque<>();
        inDegree.forEach((id, degree) -> {
            if (degree == 0) {
                ready.add(id);
            }
        });
        List<VertexSpec> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(graph.vertex(id).orElseThrow());
            for (EdgeSpec edge : graph.outputsOf(id)) {
                if (inDegree.merge(edge.target(), -1, Integer::sum) == 0) {
                    ready.add(edge.target());
                }
            }
        }
        if (order.size() != graph.vertices().size()) {
            throw new IllegalArgumentException("job graph has a cycle");
        }
        return order;
    }
}
