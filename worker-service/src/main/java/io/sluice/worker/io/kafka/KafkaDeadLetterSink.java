package io.sluice.worker.io.kafka;

import io.sluice.runtime.io.DeadLetter;
import io.sluice.runtime.io.DeadLetterSink;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Writes dead letters to a Kafka topic: the value is the original bytes (see {@link DeadLetter#original()}), the
 * headers say what failed and where it came from (all UTF-8 text):
 * {@value #ERROR}, {@value #OPERATOR}, {@value #JOB} and, when the record came from a kafka-source of the task,
 * {@value #SOURCE_TOPIC}, {@value #SOURCE_PARTITION}, {@value #SOURCE_OFFSET}. Sent on the worker's shared
 * producer (idempotent, acks=all) and flushed at every checkpoint before the task acknowledges it: at least once.
 */
final class KafkaDeadLetterSink implements DeadLetterSink {

    static final String ERROR = "sluice.error";
    static final String OPERATOR = "sluice.operator";
    static final String JOB = "sluice.job";
    static final String SOURCE_TOPIC = "sluice.source.topic";
    static final String SOURCE_PARTITION = "sluice.source.partition";
    static final String SOURCE_OFFSET = "sluice.source.offset";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String job;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    /** Sent since the last flush: a checkpoint without dead letters does not wait for the shared producer. */
    private boolean unflushed;

    KafkaDeadLetterSink(Producer<byte[], byte[]> producer, String topic, String job) {
        this.producer = producer;
        this.topic = topic;
        this.job = job;
    }

    @Override
    public void write(DeadLetter letter) {
        throwIfFailed();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, letter.original());
        Headers headers = record.headers();
        add(headers, ERROR, letter.error());
        add(headers, OPERATOR, letter.operatorId());
        add(headers, JOB, job);
        if (letter.origin() != null) {
            add(headers, SOURCE_TOPIC, letter.origin().topic());
            add(headers, SOURCE_PARTITION, Integer.toString(letter.origin().partition()));
            add(headers, SOURCE_OFFSET, Long.toString(letter.origin().offset()));
        }
        unflushed = true;
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    @Override
    public void flush() {
        if (unflushed) {
            producer.flush();
            unflushed = false;
        }
        throwIfFailed();
    }

    @Override
    public void close() {
        flush();
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("could not write to dead-letter topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
