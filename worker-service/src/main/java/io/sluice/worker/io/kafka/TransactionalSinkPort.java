package io.sluice.worker.io.kafka;

import java.util.List;
import java.util.Map;

/**
 * The Kafka side of one exactly-once sink subtask: a producer with a transactional id stable across attempts and
 * the commit markers of the marker topic. Used by one thread at a time: the task thread, or the sink's committer
 * while a commit is in flight.
 */
interface TransactionalSinkPort extends AutoCloseable {

    /** Marker value of a sink subtask that committed everything at the end of its bounded input. */
    long FINAL = Long.MAX_VALUE;

    /**
     * Takes the transactional id over: transactions of an older producer with the same id are finished (aborted
     * if open) and that producer is fenced off. Call before {@link #lastCommitted()}, so no transaction is pending.
     */
    void init();

    /** This subtask's marker key, {@code <job>/<vertex>/<subtask>}: the origin of the epochs it stages. */
    String markerKey();

    /** The checkpoint id of this subtask's latest committed marker (read_committed), or -1 if there is none. */
    default long lastCommitted() {
        return lastCommitted(markerKey());
    }

    /**
     * The latest committed marker of any sink subtask (read_committed), or -1: a subtask resumed from a savepoint
     * learns what the subtask that staged its restored epochs committed.
     */
    long lastCommitted(String markerKey);

    /**
     * Writes the records and the marker {@code checkpointId} in one transaction and commits it.
     *
     * @throws org.apache.kafka.common.errors.ProducerFencedException if a newer attempt took the id over
     */
    default void commit(Iterable<SinkRecord> records, long checkpointId) {
        commit(records, Map.of(markerKey(), checkpointId));
    }

    /** As {@link #commit(Iterable, long)}, with a marker per key (epochs restored from other subtasks or jobs). */
    void commit(Iterable<SinkRecord> records, Map<String, Long> markers);

    @Override
    void close();
}
