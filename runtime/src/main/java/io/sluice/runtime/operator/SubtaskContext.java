package io.sluice.runtime.operator;

import io.sluice.runtime.state.KeyedStateBackend;
import java.time.Clock;

/**
 * The {@link OperatorContext} of one operator of a running subtask.
 *
 * @param keyedStateBackend null when the operator is not fed by a HASH edge
 */
public record SubtaskContext(
        String operatorId,
        int subtaskIndex,
        int parallelism,
        int maxParallelism,
        ClassLoader userClassLoader,
        KeyedStateBackend keyedStateBackend,
        Clock clock,
        RecordErrors recordErrors)
        implements OperatorContext {

    /** Failing on bad records. */
    public SubtaskContext(String operatorId, int subtaskIndex, int parallelism, int maxParallelism,
            ClassLoader userClassLoader, KeyedStateBackend keyedStateBackend, Clock clock) {
        this(operatorId, subtaskIndex, parallelism, maxParallelism, userClassLoader, keyedStateBackend, clock,
                RecordErrors.failing());
    }

    @Override
    public KeyedStateBackend keyedStateBackend() {
        if (keyedStateBackend == null) {
            throw new IllegalStateException("operator " + operatorId + " is not keyed: keyed state needs a key-by input");
        }
        return keyedStateBackend;
    }
}
