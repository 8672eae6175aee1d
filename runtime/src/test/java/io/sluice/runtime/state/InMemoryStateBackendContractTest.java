package io.sluice.runtime.state;

import java.util.List;

/** The backend contract on the heap backend; the Chronicle module runs it on both. */
class InMemoryStateBackendContractTest extends KeyedStateBackendContract {

    @Override
    protected List<Backend> backends() {
        return List.of(new Backend("in-memory",
                (settings, clock, directory) -> new InMemoryKeyedStateBackend(settings, getClass().getClassLoader(), clock)));
    }
}
