package io.sluice.runtime.window;

import io.sluice.api.function.ReduceFunction;
import io.sluice.api.state.ReducingState;
import io.sluice.api.state.ReducingStateDescriptor;
import io.sluice.api.windowing.Window;
import io.sluice.runtime.state.KeyedStateBackend;
import java.util.Collection;
import java.util.List;

/** One value per window, reduced as elements arrive. */
final class ReducingContents implements WindowContents {

    private final KeyedStateBackend backend;
    private final ReducingState<Object> state;

    ReducingContents(KeyedStateBackend backend, ReduceFunction<Object> function) {
        this.backend = backend;
        this.state = backend.reducingState(new ReducingStateDescriptor<>("window-reduced", function, Object.class));
    }

    @Override
    public void add(Object value, long timestamp) throws Exception {
        state.add(value);
    }

    /** A reduce's partial is a reduced value: reduced in like an element. */
    @Override
    public void addPartial(Object partial) throws Exception {
        state.add(partial);
    }

    @Override
    public List<Object> values() {
        Object value = state.get();
        return value == null ? List.of() : List.of(value);
    }

    @Override
    public void clear() {
        state.clear();
    }

    /** As in Flink, the order in which merged values are reduced is unspecified: use a commutative function. */
    @Override
    public void merge(Window target, Collection<? extends Window> sources) throws Exception {
        backend.setCurrentNamespace(target);
        Object merged = state.get();
        state.clear();
        for (Window source : sources) {
            backend.setCurrentNamespace(source);
            Object value = state.get();
            state.clear();
            backend.setCurrentNamespace(target);
            if (value != null) {
                state.add(value);
            }
        }
        if (merged != null) {
            state.add(merged);
        }
    }
}
