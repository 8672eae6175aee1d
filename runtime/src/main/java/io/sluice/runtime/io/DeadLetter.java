package io.sluice.runtime.io;

/**
 * A record the job could not process, as written to its dead-letter topic.
 *
 * @param original the bytes read from the source when the record failed to decode there; otherwise the record as
 *     the failing operator received it, encoded as JSON
 * @param operatorId the vertex that failed on it
 * @param error what went wrong
 * @param origin where the record came from; null when the task has no Kafka source (after a shuffle)
 */
public record DeadLetter(byte[] original, String operatorId, String error, RecordOrigin origin) {}
