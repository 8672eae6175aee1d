package io.sluice.runtime.local;

import io.sluice.protocol.ChannelSpec;
import io.sluice.protocol.ExecutionPlan;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The channels of one locally running job, standing in for Kafka partitions: a bounded FIFO queue of encoded
 * elements per (upstream, downstream) subtask pair of each edge, so a slow consumer back-pressures its producers.
 * One {@link Doorbell} per downstream task wakes it when any of its channels receives. Closing makes blocked
 * writers give up, so a cancelled job never hangs on a full queue.
 */
final class InMemoryChannels implements AutoCloseable {

    private final Map<String, BlockingQueue<byte[]>[]> queues = new HashMap<>();
    private final Map<String, Doorbell> doorbells = new HashMap<>();
    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    InMemoryChannels(ExecutionPlan plan, int capacity) {
        for (ChannelSpec channel : plan.channels()) {
            BlockingQueue<byte[]>[] partitions = new BlockingQueue[channel.partitions()];
            for (int p = 0; p < partitions.length; p++) {
                partitions[p] = new ArrayBlockingQueue<>(capacity);
            }
            queues.put(channel.topic(), partitions);
        }
        plan.chains().forEach(chain -> {
            for (int subtask = 0; subtask < chain.parallelism(); subtask++) {
                doorbells.put(taskKey(chain.id(), subtask), new Doorbell());
            }
        });
    }

    /** The FIFO from upstream subtask u to downstream subtask d of an edge (Kafka partition u×D+d). */
    BlockingQueue<byte[]> queue(ChannelSpec channel, int upstream, int downstream) {
        return queues.get(channel.topic())[channel.partition(upstream, downstream)];
    }

    Doorbell doorbell(String chainId, int subtask) {
        return doorbells.get(taskKey(chainId, subtask));
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        doorbells.values().forEach(Doorbell::ring);
    }

    private static String taskKey(String chainId, int subtask) {
        return chainId + "#" + subtask;
    }
}
