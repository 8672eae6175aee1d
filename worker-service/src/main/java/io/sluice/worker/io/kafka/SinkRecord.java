package io.sluice.worker.io.kafka;

/**
 * One encoded record of a Kafka sink, staged until its checkpoint completes.
 *
 * @param key the key bytes, or null
 * @param timestamp the Kafka timestamp, or null to let the producer stamp it
 */
record SinkRecord(byte[] key, byte[] value, Long timestamp) {}
