package io.sluice.state.chronicle;

import io.sluice.runtime.state.InMemoryKeyedStateBackend;
import io.sluice.runtime.state.KeyedStateBackendContract;
import java.util.List;

/**
 * The backend contract on Chronicle Map and on the heap, and across them (snapshots of one restored into the
 * other). The Chronicle map starts small, so the contract's larger tests also exercise its growth.
 */
class StateBackendsContractTest extends KeyedStateBackendContract {

    private static final ClassLoader LOADER = StateBackendsContractTest.class.getClassLoader();

    @Override
    protected List<Backend> backends() {
        return List.of(
                new Backend("chronicle-map", (settings, clock, directory) -> new ChronicleMapStateBackend(
                        ChronicleMapOptions.defaults(directory, "op", 0).withSizing(1_000, 16, 16),
                        settings, LOADER, clock)),
                new Backend("in-memory",
                        (settings, clock, directory) -> new InMemoryKeyedStateBackend(settings, LOADER, clock)));
    }
}
