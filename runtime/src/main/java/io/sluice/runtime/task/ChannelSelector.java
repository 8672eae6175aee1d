package io.sluice.runtime.task;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.JobGraph;
import io.sluice.protocol.ChannelSpec;

/** Picks the downstream subtask of each record on one edge, by the edge's partitioning. */
interface ChannelSelector {

    /** Returned by broadcasting selectors: every downstream subtask. */
    int ALL = -1;

    /** The downstream subtask of {@code record}, or {@link #ALL}. */
    int select(Object record) throws Exception;

    static ChannelSelector of(JobGraph graph, ChannelSpec channel, int subtask, ClassLoader userClassLoader) {
        EdgeSpec edge = channel.edge();
        int downstream = channel.downstreamParallelism();
        return switch (edge.partitioning()) {
            case FORWARD -> new ForwardSelector(subtask, channel);
            case HASH -> new KeyGroupSelector(EdgeKeys.of(graph, edge, userClassLoader),
                    graph.config().maxParallelism(), downstream);
            case REBALANCE -> new RoundRobinSelector(subtask, downstream);
            case BROADCAST -> record -> ALL;
        };
    }
}
