package io.sluice.worker.io.kafka;

import io.sluice.protocol.ChannelSpec;
import io.sluice.runtime.io.InputGate;
import io.sluice.runtime.io.StreamElementCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The input channels of a task, read by one group-less consumer: channel {@code i} is partition {@code u×D + d} of
 * its edge's topic for upstream subtask u and this subtask d. A Kafka record holds a batch of elements (see {@link
 * KafkaChannelWriter}); records written by an older attempt than this task's are dropped. Used by the task thread
 * only.
 */
final class KafkaInputGate implements InputGate {

    private final Consumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Integer> channelOf = new HashMap<>();
    private final boolean[] paused;
    /** Per channel: the offset after the last record delivered or dropped (channel topics start at offset 0). */
    private final long[] positions;
    private final int attempt;
    private final StreamElementCodec codec;
    private final RecordDeleter deleter;
    private long bytesRead;

    /** Deletes records of channel partitions before the given offsets; need not be done at once. */
    @FunctionalInterface
    interface RecordDeleter {
        void deleteBefore(Map<TopicPartition, Long> offsets);
    }

    /** Takes ownership of the consumer; starts every channel at its beginning (channel topics are new per job). */
    KafkaInputGate(
            Consumer<byte[], byte[]> consumer,
            List<ChannelSpec> inputs,
            int subtask,
            int attempt,
            StreamElementCodec codec,
            RecordDeleter deleter) {
        this.consumer = consumer;
        this.deleter = deleter;
        this.attempt = attempt;
        this.codec = codec;
        try {
            this.partitions = channelPartitions(inputs, subtask);
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("an input gate needs at least one input channel");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        for (int channel = 0; channel < partitions.size(); channel++) {
            channelOf.put(partitions.get(channel), channel);
        }
        this.paused = new boolean[partitions.size()];
        this.positions = new long[partitions.size()];
    }

    /** Channel numbering: for each input in plan order, one channel per upstream subtask. */
    static List<TopicPartition> channelPartitions(List<ChannelSpec> inputs, int subtask) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (ChannelSpec input : inputs) {
            if (subtask < 0 || subtask >= input.downstreamParallelism()) {
                throw new IllegalArgumentException(
                        "subtask " + subtask + " does not read " + input.topic() + " (" + input.downstreamParallelism()
                                + " downstream subtasks)");
            }
            for (int upstream = 0; upstream < input.upstreamParallelism(); upstream++) {
                partitions.add(new TopicPartition(input.topic(), input.partition(upstream, subtask)));
            }
        }
        return partitions;
    }

    @Override
    public int numberOfChannels() {
        return partitions.size();
    }

    @Override
    public void poll(Duration maxWait, ElementHandler handler) throws Exception {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(maxWait);
        for (TopicPartition partition : records.partitions()) {
            int channel = channelOf.get(partition);
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (paused[channel]) {
                    // Paused by the handler within this batch: the rest is fetched again after resume.
                    consumer.seek(partition, record.offset());
                    break;
                }
                // Before the handler: a barrier's snapshot must see the position just after the barrier.
                positions[channel] = record.offset() + 1;
                bytesRead += record.serializedValueSize();
                if (AttemptHeader.read(record.headers()) >= attempt) {
                    codec.startBatch(record.value());
                    while (codec.hasNext()) {
                        if (paused[channel]) {
                            // Only a barrier pauses a channel, and a barrier ends its batch: the position is exact.
                            throw new IllegalStateException("channel " + partition + " paused inside the batch at offset "
                                    + record.offset());
                        }
                        handler.accept(channel, codec.next());
                    }
                }
            }
        }
    }

    @Override
    public long position(int channel) {
        return positions[channel];
    }

    @Override
    public void seek(int channel, long position) {
        consumer.seek(partitions.get(channel), position);
        positions[channel] = position;
    }

    /**
     * Keeps the last record read, even if it is before a position (a barrier that ended the channel so far): the
     * broker forgets an idempotent producer whose records are all deleted from a partition, and the upstream
     * producer's next write would then be refused as out of sequence.
     */
    @Override
    public void discardBefore(List<Long> positions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (int channel = 0; channel < positions.size(); channel++) {
            if (positions.get(channel) <= 0) {
                continue; // nothing read there yet: no position to ask the consumer for
            }
            TopicPartition partition = partitions.get(channel);
            long before = Math.min(positions.get(channel), consumer.position(partition) - 1);
            if (before > 0) {
                offsets.put(partition, before);
            }
        }
        deleter.deleteBefore(offsets);
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    /** From the consumer's last fetch: no request to the broker. */
    @Override
    public long lag(int channel) {
        return consumer.currentLag(partitions.get(channel)).orElse(-1);
    }

    @Override
    public void pause(int channel) {
        consumer.pause(List.of(partitions.get(channel)));
        paused[channel] = true;
    }

    @Override
    public void resume(int channel) {
        consumer.resume(List.of(partitions.get(channel)));
        paused[channel] = false;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
