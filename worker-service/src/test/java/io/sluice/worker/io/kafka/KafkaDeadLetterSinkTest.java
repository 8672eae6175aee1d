package io.sluice.worker.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.runtime.io.DeadLetter;
import io.sluice.runtime.io.RecordOrigin;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The dead-letter sink's flush: what a checkpoint waits for before the task acknowledges it. */
class KafkaDeadLetterSinkTest {

    /** Sends stay in flight until flushed; {@code failOnFlush} fails the first of them instead. */
    private static final class InFlightProducer extends MockProducer<byte[], byte[]> {
        int flushes;
        RuntimeException failOnFlush;

        InFlightProducer() {
            super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized void flush() {
            flushes++;
            if (failOnFlush != null) {
                errorNext(failOnFlush);
            }
            super.flush();
        }
    }

    private static DeadLetter letter(String value) {
        return new DeadLetter(value.getBytes(StandardCharsets.UTF_8), "parse", "not JSON",
                new RecordOrigin("orders", 2, 41));
    }

    @Test
    void flushReturnsOnlyOnceEverySendIsAcknowledged() {
        InFlightProducer producer = new InFlightProducer();
        KafkaDeadLetterSink sink = new KafkaDeadLetterSink(producer, "dlq", "job-1");

        sink.write(letter("a"));
        sink.write(letter("b"));
        assertThat(producer.completeNext()).isTrue();
        assertThat(producer.flushes).isZero();

        sink.flush();

        assertThat(producer.flushes).isEqualTo(1);
        // MockProducer's flush completes every pending send: nothing is left for completeNext.
        assertThat(producer.completeNext()).isFalse();
        assertThat(producer.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("a", "b");
    }

    @Test
    void aSendThatFailsSurfacesAtTheFlushAndAtEveryLaterWrite() {
        InFlightProducer producer = new InFlightProducer();
        producer.failOnFlush = new TimeoutException("expired before the broker answered");
        KafkaDeadLetterSink sink = new KafkaDeadLetterSink(producer, "dlq", "job-1");
        sink.write(letter("a"));

        assertThatThrownBy(sink::flush).isInstanceOf(IllegalStateException.class)
                .hasMessage("could not write to dead-letter topic dlq: expired before the broker answered");
        assertThatThrownBy(() -> sink.write(letter("b"))).hasMessageContaining("expired before the broker answered");
    }

    @Test
    void aCheckpointWithoutNewDeadLettersDoesNotFlushTheSharedProducer() {
        InFlightProducer producer = new InFlightProducer();
        KafkaDeadLetterSink sink = new KafkaDeadLetterSink(producer, "dlq", "job-1");

        sink.flush();
        sink.write(letter("a"));
        sink.flush();
        sink.flush();

        assertThat(producer.flushes).isEqualTo(1);
    }
}
