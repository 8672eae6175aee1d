package io.sluice.api;

import io.sluice.graph.OperatorSpec;
import io.sluice.graph.OperatorSpec.RecordFormat;
import io.sluice.graph.OperatorSpec.StartFrom;
import java.util.Objects;

/**
 * How {@link StreamEnvironment#fromKafka(KafkaSourceOptions)} reads a topic. Start with {@link #topic(String)}
 * (JSON rows, from the earliest offset, unbounded, the cluster's broker) and adjust with the {@code with} methods.
 *
 * @param topic topic to read
 * @param bootstrapServers null for the cluster's broker
 * @param startFrom where to start without a checkpoint
 * @param bounded read up to the end offsets seen at start, then finish
 * @param format how record values are decoded into rows
 */
public record KafkaSourceOptions(
        String topic, String bootstrapServers, StartFrom startFrom, boolean bounded, RecordFormat format) {

    public KafkaSourceOptions {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(startFrom, "startFrom");
        Objects.requireNonNull(format, "format");
    }

    public static KafkaSourceOptions topic(String topic) {
        return new KafkaSourceOptions(topic, null, StartFrom.EARLIEST, false, RecordFormat.JSON);
    }

    public KafkaSourceOptions withBootstrapServers(String servers) {
        return new KafkaSourceOptions(topic, servers, startFrom, bounded, format);
    }

    public KafkaSourceOptions withStartFrom(StartFrom start) {
        return new KafkaSourceOptions(topic, bootstrapServers, start, bounded, format);
    }

    public KafkaSourceOptions withBounded(boolean isBounded) {
        return new KafkaSourceOptions(topic, bootstrapServers, startFrom, isBounded, format);
    }

    public KafkaSourceOptions withFormat(RecordFormat recordFormat) {
        return new KafkaSourceOptions(topic, bootstrapServers, startFrom, bounded, recordFormat);
    }

    OperatorSpec.KafkaSource toSpec() {
        return new OperatorSpec.KafkaSource(topic, bootstrapServers, startFrom, bounded, format);
    }
}
