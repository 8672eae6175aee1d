package io.sluice.runtime.window;

import io.sluice.api.state.ListState;
import io.sluice.api.state.ListStateDescriptor;
import io.sluice.api.windowing.Window;
import io.sluice.runtime.state.KeyedStateBackend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Every element of the window with its timestamp, in a list state. */
final class ListContents implements WindowContents.Elements {

    private final KeyedStateBackend backend;
    private final ListState<TimestampedValue> list;

    ListContents(KeyedStateBackend backend) {
        this.backend = backend;
        this.list = backend.listState(new ListStateDescriptor<>("window-contents", TimestampedValue.class));
    }

    @Override
    public void add(Object value, long timestamp) {
        list.add(new TimestampedValue(value, timestamp));
    }

    @Override
    public List<Object> values() {
        return list.get().stream().map(TimestampedValue::value).toList();
    }

    @Override
    public List<TimestampedValue> elements() {
        return new ArrayList<>(list.get());
    }

    @Override
    public void replace(List<TimestampedValue> elements) {
        list.update(elements);
    }

    @Override
    public void clear() {
        list.clear();
    }

    @Override
    public void merge(Window target, Collection<? extends Window> sources) {
        List<TimestampedValue> moved = new ArrayList<>();
        for (Window source : sources) {
            backend.setCurrentNamespace(source);
            moved.addAll(list.get());
            list.clear();
        }
        backend.setCurrentNamespace(target);
        if (!moved.isEmpty()) {
            list.addAll(moved);
        }
    }
}
