package io.sluice.worker.io.kafka;

import java.util.List;

/**
 * The Kafka side of one exactly-once sink subtask: a producer with a transactional id stable across attempts and
 * the commit markers of the marker topic. Used by the task thread only.
 */
interface TransactionalSinkPort extends AutoCloseable {

    /** Marker value of a sink subtask that committed everything at the end of its bounded input. */
    long FINAL = Long.MAX_VALUE;

    /**
     * Takes the transactional id over: transactions of an older producer with the same id are finished (aborted
     * if open) and that producer is fenced off. Call before {@link #lastCommitted()}, so no transaction is pending.
     */
    void init();

    /** The checkpoint id of this subtask's latest committed marker (read_committed), or -1 if there is none. */
    long lastCommitted();

    /**
     * Writes the records and the marker {@code checkpointId} in one transaction and commits it.
     *
     * @throws org.apache.kafka.common.errors.ProducerFencedException if a newer attempt took the id over
     */
    void commit(List<SinkRecord> records, long checkpointId);

    @Override
    void close();
}
