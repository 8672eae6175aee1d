package io.sluice.worker.io.kafka;

import io.sluice.protocol.ControlMessage;
import io.sluice.protocol.ControlMessageCodec;
import io.sluice.protocol.Topics;
import io.sluice.worker.task.StatusReporter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends worker → engine messages to {@link Topics#STATUS}, keyed by worker id, with the shared producer. */
public final class KafkaStatusReporter implements StatusReporter {

    private static final Logger log = LoggerFactory.getLogger(KafkaStatusReporter.class);

    private final KafkaClients clients;
    /** Logs the first failed send and the recovery, not every heartbeat in between. */
    private volatile boolean failing;

    public KafkaStatusReporter(KafkaClients clients) {
        this.clients = clients;
    }

    @Override
    public void report(ControlMessage.ToEngine message) {
        byte[] key = message.worker().value().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(Topics.STATUS, key, ControlMessageCodec.encode(message));
        clients.producer().send(record, (metadata, error) -> {
            if (error != null && !failing) {
                failing = true;
                log.warn("Could not send {} to {}: {}", message.getClass().getSimpleName(), Topics.STATUS, error.toString());
            } else if (error == null && failing) {
                failing = false;
                log.info("Sending to {} works again", Topics.STATUS);
            }
        });
    }
}
