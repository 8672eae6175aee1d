package io.sluice.runtime.window;

import io.sluice.api.function.AggregateFunction;
import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import io.sluice.api.windowing.Window;
import io.sluice.runtime.state.KeyedStateBackend;
import java.util.Collection;
import java.util.List;

/**
 * One accumulator per window. Kept as a value state (not an aggregating state) because merging windows needs the
 * accumulators themselves for {@link AggregateFunction#merge}.
 */
final class AggregatingContents implements WindowContents {

    private final KeyedStateBackend backend;
    private final AggregateFunction<Object, Object, Object> function;
    private final ValueState<Object> accumulator;

    AggregatingContents(KeyedStateBackend backend, AggregateFunction<Object, Object, Object> function) {
        this.backend = backend;
        this.function = function;
        this.accumulator = backend.valueState(new ValueStateDescriptor<>("window-accumulator", Object.class));
    }

    @Override
    public void add(Object value, long timestamp) {
        Object current = accumulator.value();
        accumulator.update(function.add(value, current == null ? function.createAccumulator() : current));
    }

    @Override
    public void addPartial(Object partial) {
        Object current = accumulator.value();
        accumulator.update(current == null ? partial : function.merge(current, partial));
    }

    @Override
    public List<Object> values() {
        Object current = accumulator.value();
        return current == null ? List.of() : java.util.Collections.singletonList(function.getResult(current));
    }

    @Override
    public void clear() {
        accumulator.clear();
    }

    @Override
    public void merge(Window target, Collection<? extends Window> sources) {
        Object merged = null;
        for (Window source : sources) {
            backend.setCurrentNamespace(source);
            Object value = accumulator.value();
            accumulator.clear();
            if (value != null) {
                merged = merged == null ? value : function.merge(merged, value);
            }
        }
        backend.setCurrentNamespace(target);
        Object current = accumulator.value();
        if (merged != null) {
            accumulator.update(current == null ? merged : function.merge(current, merged));
        }
    }
}
