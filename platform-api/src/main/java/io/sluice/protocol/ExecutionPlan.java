package io.sluice.protocol;

import io.sluice.graph.JobGraph;
import java.util.List;

/**
 * What a job graph becomes at run time: chains of operators (one task per chain and subtask) and the Kafka
 * channels of the edges that could not be chained. Computed by the engine, shipped to workers.
 *
 * @param jobId the job
 * @param graph the logical graph the chains refer to
 * @param chains chains in topological order (sources first)
 * @param channels one per non-chained edge
 */
public record ExecutionPlan(JobId jobId, JobGraph graph, List<ChainSpec> chains, List<ChannelSpec> channels) {

    public ExecutionPlan {
        chains = List.copyOf(chains);
        channels = List.copyOf(channels);
    }

    public ChainSpec chain(String chainId) {
        return chains.stream()
                .filter(c -> c.id().equals(chainId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no chain " + chainId));
    }

    /** Channels that feed the given chain, in plan order (their order defines input channel numbering). */
    public List<ChannelSpec> inputsOf(String chainId) {
        return channels.stream().filter(c -> c.targetChain().equals(chainId)).toList();
    }

    /** Channels that leave the given vertex (always the tail of its chain). */
    public List<ChannelSpec> outputsOfVertex(String vertexId) {
        return channels.stream().filter(c -> c.edge().source().equals(vertexId)).toList();
    }

    /** Total number of tasks (subtasks over all chains): the slots the job needs. */
    public int taskCount() {
        return chains.stream().mapToInt(ChainSpec::parallelism).sum();
    }
}
