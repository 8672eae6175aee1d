package io.sluice.worker.io.kafka;

import com.esotericsoftware.kryo.io.Output;
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
 * with the writer's attempt. Elements for one partition are batched into one Kafka record (Kafka's own cost is per
 * record, and stream records are small): a batch is sent when it reaches {@value #BATCH_BYTES} bytes, on
 * {@link #sendBuffered()} and {@link #flush()}, and right after any element that is not a record, so a barrier,
 * watermark or end of input always ends its Kafka record and a channel's position (a Kafka offset) after a barrier
 * is exact. Sends through the worker's channel producer; a failed send fails the task at its next write or flush.
 * Used by the task thread only.
 */
final class KafkaChannelWriter implements ChannelWriter {

    /** A batch is sent once it holds this much; a few records more at most. */
    static final int BATCH_BYTES = 16 * 1024;
    private static final int INITIAL_BATCH_BYTES = 1024;

    private final Producer<byte[], byte[]> producer;
    private final ChannelSpec channel;
    private final int upstreamSubtask;
    private final List<Header> headers;
    private final StreamElementCodec codec;
    private final FirstSendError sendError = new FirstSendError();
    /** Per downstream subtask, the elements not sent yet. */
    private final Output[] batches;
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
        this.batches = new Output[channel.downstreamParallelism()];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = new Output(INITIAL_BATCH_BYTES, -1);
        }
    }

    @Override
    public void write(int downstreamSubtask, StreamElement element) {
        if (downstreamSubtask < 0 || downstreamSubtask >= channel.downstreamParallelism()) {
            throw new IllegalArgumentException("no downstream subtask " + downstreamSubtask + " on " + channel.topic());
        }
        sendError.throwIfFailed(channel.topic());
        Output batch = batches[downstreamSubtask];
        codec.encode(element, batch);
        if (!(element instanceof StreamElement.Record) || batch.position() >= BATCH_BYTES) {
            send(downstreamSubtask);
        }
    }

    @Override
    public void sendBuffered() {
        for (int subtask = 0; subtask < batches.length; subtask++) {
            if (batches[subtask].position() > 0) {
                send(subtask);
            }
        }
    }

    private void send(int downstreamSubtask) {
        Output batch = batches[downstreamSubtask];
        byte[] value = batch.toBytes();
        batch.reset();
        bytesWritten += value.length;
        int partition = channel.partition(upstreamSubtask, downstreamSubtask);
        producer.send(new ProducerRecord<>(channel.topic(), partition, null, null, value, headers), sendError);
    }

    @Override
    public void flush() {
        sendBuffered();
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
