package io.sluice.runtime.io;

import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.operator.Output;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Produces a source's records in batches, from the task thread. */
public interface SourceReader extends AutoCloseable {

    enum Status {
        /** Call again right away. */
        MORE_AVAILABLE,
        /** Nothing now; the reader already waited a little (bounded), call again. */
        NOTHING_AVAILABLE,
        /** Bounded input exhausted. */
        END_OF_INPUT
    }

    default void open(OperatorContext context) throws Exception {}

    /**
     * Emits a bounded batch of records (with timestamps) and returns. Records emitted by the call that returns
     * {@link Status#END_OF_INPUT} are part of the input.
     */
    Status pollNext(Output output) throws Exception;

    /**
     * Where to resume after a restore, taken between two batches: e.g. the next index, or the next offset per
     * partition. Empty for a source that cannot resume (a restore then fails).
     */
    default Map<String, Long> position() {
        return Map.of();
    }

    /** After {@link #open}, before the first batch: continue from a {@link #position()}. */
    default void seek(Map<String, Long> position) {
        if (!position.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resume from " + position);
        }
    }

    /**
     * After {@link #open}, before the first batch, resuming from a savepoint: continue from the positions of all the
     * savepoint's subtasks of this source (by subtask index), taken at any parallelism. The default merges them into
     * one map and {@link #seek}s it: right for sources whose position keys name what each subtask reads (the Kafka
     * source's partitions), each subtask taking from the map what it reads now.
     */
    default void seekRescaled(List<Map<String, Long>> positions) {
        Map<String, Long> merged = new HashMap<>();
        positions.forEach(merged::putAll);
        seek(merged);
    }

    @Override
    default void close() throws Exception {}
}
