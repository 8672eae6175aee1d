package io.sluice.worker.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.EdgeSpec;
import io.sluice.protocol.ChannelSpec;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.io.StreamElementCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Batching of channel elements into Kafka records: what a gate needs to keep exact positions. */
class KafkaChannelWriterTest {

    /** Upstream subtask 1 of 2, three downstream subtasks: partitions 3, 4, 5. */
    private final ChannelSpec channel = new ChannelSpec("ch", EdgeSpec.forward("a", "b"), "a", "b", 2, 3);
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final StreamElementCodec codec = new StreamElementCodec(getClass().getClassLoader());
    private final KafkaChannelWriter writer = new KafkaChannelWriter(producer, channel, 1, 7, codec);

    @Test
    void recordsWaitForABatchAndEveryOtherElementEndsOne() {
        writer.write(0, record(1));
        writer.write(0, record(2));
        writer.write(2, record(3));
        assertThat(producer.history()).as("records are held back").isEmpty();

        writer.write(0, new StreamElement.CheckpointBarrier(1, 100));
        assertThat(producer.history()).hasSize(1);
        assertThat(decode(producer.history().get(0)))
                .containsExactly(record(1), record(2), new StreamElement.CheckpointBarrier(1, 100));
        assertThat(producer.history().get(0).partition()).isEqualTo(3);
        assertThat(AttemptHeader.read(producer.history().get(0).headers())).isEqualTo(7);

        writer.write(0, record(4));
        writer.sendBuffered();
        assertThat(producer.history()).hasSize(3);
        assertThat(producer.history().get(1).partition()).isEqualTo(3);
        assertThat(decode(producer.history().get(1))).containsExactly(record(4));
        assertThat(producer.history().get(2).partition()).isEqualTo(5);
        assertThat(decode(producer.history().get(2))).containsExactly(record(3));

        writer.sendBuffered();
        assertThat(producer.history()).as("nothing left to send").hasSize(3);
        writer.write(1, new StreamElement.Watermark(5));
        writer.write(1, StreamElement.EndOfInput.INSTANCE);
        assertThat(producer.history()).hasSize(5);
        assertThat(decode(producer.history().get(4))).containsExactly(StreamElement.EndOfInput.INSTANCE);
    }

    @Test
    void aFullBatchIsSentAndFlushSendsTheRestInOrder() {
        List<StreamElement> written = new ArrayList<>();
        for (int i = 0; written.size() < 5_000; i++) {
            written.add(record(i));
            writer.write(1, record(i));
        }
        assertThat(producer.history()).as("batches of %d bytes", KafkaChannelWriter.BATCH_BYTES).isNotEmpty();
        writer.flush();

        List<StreamElement> read = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> sent : producer.history()) {
            assertThat(sent.partition()).isEqualTo(4);
            assertThat(sent.value().length).isLessThan(KafkaChannelWriter.BATCH_BYTES + 1_000);
            read.addAll(decode(sent));
        }
        assertThat(read).isEqualTo(written);
        assertThat(writer.bytesWritten())
                .isEqualTo(producer.history().stream().mapToLong(sent -> sent.value().length).sum());
    }

    private static StreamElement record(int i) {
        return new StreamElement.Record("value-" + i, i);
    }

    private List<StreamElement> decode(ProducerRecord<byte[], byte[]> sent) {
        StreamElementCodec reader = new StreamElementCodec(getClass().getClassLoader());
        reader.startBatch(sent.value());
        List<StreamElement> elements = new ArrayList<>();
        while (reader.hasNext()) {
            elements.add(reader.next());
        }
        return elements;
    }
}
