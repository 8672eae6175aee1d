package io.sluice.engine.transport.kafka;

import io.sluice.engine.job.ControlChannel;
import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessageCodec;
import io.sluice.protocol.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands to workers on {@link Topics#CONTROL}, keyed by worker id (so each worker's commands stay in order).
 * Sends are asynchronous; a send that fails is logged (the job then waits for its tasks' reports).
 */
public final class KafkaControlChannel implements ControlChannel, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaControlChannel.class);
    /** Bounds how long a send may block the job manager's thread while the broker is unreachable. */
    private static final Duration MAX_BLOCK = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;

    public KafkaControlChannel(String bootstrapServers) {
        this(KafkaClientConfigs.of(bootstrapServers));
    }

    public KafkaControlChannel(KafkaClientConfigs configs) {
        this.producer = new KafkaProducer<>(producerConfig(configs), new StringSerializer(), new ByteArraySerializer());
    }

    static Map<String, Object> producerConfig(KafkaClientConfigs configs) {
        return configs.client(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "sluice-engine-control",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis()));
    }

    @Override
    public void send(ControlMessage.ToWorker message) {
        String kind = message.getClass().getSimpleName();
        try {
            producer.send(
                    new ProducerRecord<>(Topics.CONTROL, message.worker().value(), ControlMessageCodec.encode(message)),
                    (metadata, error) -> {
                        if (error != null) {
                            log.error("Could not send {} to worker {}: {}", kind, message.worker(), error.toString());
                        }
                    });
        } catch (KafkaException e) {
            log.error("Could not send {} to worker {}: {}", kind, message.worker(), e.toString());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
