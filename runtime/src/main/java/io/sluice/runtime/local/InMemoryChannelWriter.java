package io.sluice.runtime.local;

import io.sluice.protocol.ChannelSpec;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.ChannelWriter;
import io.sluice.runtime.io.StreamElementCodec;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes one upstream subtask's elements into the in-memory channels of an edge. Elements are encoded with the
 * same codec as on Kafka, so what works locally serializes on a cluster too. Blocks while a channel is full;
 * once the job's channels are closed (cancelled), elements are dropped at once.
 */
final class InMemoryChannelWriter implements ChannelWriter {

    private static final long OFFER_WAIT_MILLIS = 50;

    private final InMemoryChannels channels;
    private final ChannelSpec channel;
    private final int upstream;
    private final StreamElementCodec codec;

    InMemoryChannelWriter(InMemoryChannels channels, ChannelSpec channel, int upstream, ClassLoader userClassLoader) {
        this.channels = channels;
        this.channel = channel;
        this.upstream = upstream;
        this.codec = new StreamElementCodec(userClassLoader);
    }

    @Override
    public void write(int downstreamSubtask, StreamElement element) {
        BlockingQueue<byte[]> queue = channels.queue(channel, upstream, downstreamSubtask);
        byte[] bytes = codec.encode(element);
        try {
            while (!channels.isClosed()) {
                if (queue.offer(bytes, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    channels.doorbell(channel.targetChain(), downstreamSubtask).ring();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + channel.topic(), e);
        }
    }

    /** Written elements are visible at once. */
    @Override
    public void flush() {}

    @Override
    public void close() {}
}
