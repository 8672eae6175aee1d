package io.sluice.worker.io.kafka;

import io.sluice.protocol.ChannelSpec;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.ChannelWriter;
import io.sluice.runtime.io.StreamElementCodec;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Writes one upstream subtask's elements of an edge: to downstream subtask d goes partition {@code u×D + d}, tagged
 * with the writer's attempt. Sends through the worker's shared producer; a failed send fails the task at its next
 * write or flush. Used by the task thread only.
 */
final class KafkaChannelWriter implements ChannelWriter {

    private final Producer<byte[], byte[]> producer;
    private final ChannelSpec channel;
    private final int upstreamSubtask;
    private final List<Header> headers;
    private final StreamElementCodec codec;
    private final FirstSendError sendError = new FirstSendError();
    private long bytesWritten;

    KafkaChannelWriter(
            Producer<byte[], byte[]> producer,
            ChannelSpec channel,
            int upstreamSubtask,
            int attempt,
            StreamElementCodec codec) {
        if (upstreamSubtask < 0 || upstreamSubtask >= channel.upstreamParallelism()) {
            throw new IllegalArgumentException("subtask " + upstreamSubtask + " does not write " + channel.topic());
        }
        this.producer = producer;
        this.channel = channel;
        this.upstreamSubtask = upstreamSubtask;
        this.headers = List.of(AttemptHeader.of(attempt));
        this.codec = codec;
    }

    @Override
    public void write(int downstreamSubtask, StreamElement element) {
        if (downstreamSubtask < 0 || downstreamSubtask >= channel.downstreamParallelism()) {
            throw new IllegalArgumentException("no downstream subtask " + downstreamSubtask + " on " + channel.topic());
        }
        sendError.throwIfFailed(channel.topic());
        int partition = channel.partition(upstreamSubtask, downstreamSubtask);
        byte[] value = codec.encode(element);
        bytesWritten += value.length;
        producer.send(new ProducerRecord<>(channel.topic(), partition, null, null, value, headers), sendError);
    }

    @Override
    public void flush() {
        producer.flush();
        sendError.throwIfFailed(channel.topic());
    }

    @Override
    public long bytesWritten() {
        return bytesWritten;
    }

    /** The producer is shared by the worker's tasks: nothing to close here. */
    @Override
    public void close() {}
}
