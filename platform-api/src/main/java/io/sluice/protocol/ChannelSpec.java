package io.sluice.protocol;

import io.sluice.graph.EdgeSpec;

/**
 * A non-chained edge carried by a Kafka topic with {@code upstream × downstream} partitions: partition
 * {@code u × downstream + d} is the FIFO channel from upstream subtask u to downstream subtask d.
 *
 * @param topic the internal topic
 * @param edge the logical edge (partitioning, key)
 * @param sourceChain chain whose tail writes
 * @param targetChain chain whose head reads
 * @param upstreamParallelism U
 * @param downstreamParallelism D
 */
public record ChannelSpec(
        String topic,
        EdgeSpec edge,
        String sourceChain,
        String targetChain,
        int upstreamParallelism,
        int downstreamParallelism) {

    public int partitions() {
        return upstreamParallelism * downstreamParallelism;
    }

    public int partition(int upstreamSubtask, int downstreamSubtask) {
        return upstreamSubtask * downstreamParallelism + downstreamSubtask;
    }
}
