package io.sluice.engine.transport.kafka;

import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessageCodec;
import io.sluice.protocol.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads worker messages from {@link Topics#STATUS} on its own thread and hands each to a sink (the job manager).
 * No consumer group: it assigns every partition and starts at the end, since the engine keeps no state across
 * restarts and workers re-announce themselves with their next heartbeat.
 *
 * <p>The engine must start without Kafka: until the broker answers (and the control topics exist, which this
 * listener ensures first, since it cannot assign a topic that does not exist) it retries in the background and
 * says so in the log.
 */
public final class KafkaStatusListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaStatusListener.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final KafkaTopicAdmin topicAdmin;
    private final Consumer<ControlMessage.ToEngine> sink;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Created here (it does not connect yet), used only by the listener thread, which closes it. */
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread = new Thread(this::run, "sluice-status-listener");

    public KafkaStatusListener(
            String bootstrapServers, KafkaTopicAdmin topicAdmin, Consumer<ControlMessage.ToEngine> sink) {
        this(KafkaClientConfigs.of(bootstrapServers), topicAdmin, sink);
    }

    public KafkaStatusListener(
            KafkaClientConfigs configs, KafkaTopicAdmin topicAdmin, Consumer<ControlMessage.ToEngine> sink) {
        this.bootstrapServers = configs.bootstrapServers();
        this.topicAdmin = topicAdmin;
        this.sink = sink;
        this.consumer = new KafkaConsumer<>(consumerConfig(configs), new StringDeserializer(), new ByteArrayDeserializer());
    }

    static Map<String, Object> consumerConfig(KafkaClientConfigs configs) {
        return configs.client(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "sluice-engine-status",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    public void start() {
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            if (connect()) {
                while (!isStopped()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        deliver(record);
                    }
                }
            }
        } catch (RuntimeException e) {
            // After close() a wakeup or interrupt is the normal way out.
            if (!isStopped()) {
                log.error("Status listener stopped: the engine no longer hears from workers", e);
            }
        } finally {
            Thread.interrupted(); // an interrupt from close() must not abort the consumer's own close
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Retries until the status topic can be assigned. @return false if stopped first */
    private boolean connect() {
        Duration backoff = Duration.ofSeconds(1);
        while (!isStopped()) {
            try {
                topicAdmin.ensureControlTopics();
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.STATUS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                if (partitions.isEmpty()) {
                    throw new IllegalStateException("topic " + Topics.STATUS + " has no partitions yet");
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position); // resolve "end" now: later messages must not be skipped
                log.info("Listening for workers on {} at {}", Topics.STATUS, bootstrapServers);
                return true;
            } catch (KafkaException | IllegalStateException e) {
                if (isStopped()) {
                    return false;
                }
                log.warn("Kafka at {} not ready ({}); retrying in {} s", bootstrapServers, e.getMessage(),
                        backoff.toSeconds());
                if (awaitStop(backoff)) {
                    return false;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        return false;
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        ControlMessage message;
        try {
            message = ControlMessageCodec.decode(record.value());
        } catch (RuntimeException e) {
            log.warn("Skipping undecodable message at {}-{}@{}: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (message instanceof ControlMessage.ToEngine toEngine) {
            try {
                sink.accept(toEngine);
            } catch (RuntimeException e) {
                log.warn("Could not hand {} to the job manager: {}", message, e.toString());
            }
        } else {
            log.warn("Skipping {} on {}: not a message for the engine", message.getClass().getSimpleName(),
                    Topics.STATUS);
        }
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }

    private boolean awaitStop(Duration timeout) {
        try {
            return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped.countDown();
        if (thread.isAlive()) {
            consumer.wakeup();
            thread.interrupt(); // also cuts short an admin call or a backoff
            thread.join(Duration.ofSeconds(10).toMillis());
        } else if (thread.getState() == Thread.State.NEW) {
            consumer.close();
        }
    }
}
