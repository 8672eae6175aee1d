package io.sluice.runtime.operator;

import io.sluice.runtime.state.KeyedStateBackend;
import java.time.Clock;

/** What an operator may know about where it runs. */
public interface OperatorContext {

    /** The vertex id (also its uid for state). */
    String operatorId();

    int subtaskIndex();

    int parallelism();

    int maxParallelism();

    /** Loads user functions (Java jobs). */
    ClassLoader userClassLoader();

    /** Keyed state of this operator; only for operators fed by a HASH edge, otherwise throws. */
    KeyedStateBackend keyedStateBackend();

    /** Processing time; a manual clock in tests. */
    Clock clock();

    /** The job's handling of records that cannot be processed (sources report undecodable ones here). */
    default RecordErrors recordErrors() {
        return RecordErrors.failing();
    }
}
