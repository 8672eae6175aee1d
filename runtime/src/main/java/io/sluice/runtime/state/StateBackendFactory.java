package io.sluice.runtime.state;

import io.sluice.protocol.TaskId;
import java.io.IOException;
import java.time.Clock;

/** Creates the keyed state backend of a task: off-heap on workers, on the heap in the local runner and tests. */
@FunctionalInterface
public interface StateBackendFactory {

    /** Heap state, for the local runner and tests. */
    StateBackendFactory IN_MEMORY = (task, settings, userClassLoader, clock) ->
            new InMemoryKeyedStateBackend(settings, userClassLoader, clock);

    KeyedStateBackend create(TaskId task, KeyedStateSettings settings, ClassLoader userClassLoader, Clock clock)
            throws IOException;
}
