package io.sluice.runtime.io;

/** The Kafka coordinates a record was read from by a kafka-source. */
public record RecordOrigin(String topic, int partition, long offset) {

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
