package io.sluice.api.function;

import io.sluice.api.state.ListState;
import io.sluice.api.state.ListStateDescriptor;
import io.sluice.api.state.MapState;
import io.sluice.api.state.MapStateDescriptor;
import io.sluice.api.state.ReducingState;
import io.sluice.api.state.ReducingStateDescriptor;
import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;

/**
 * What a rich function sees of the subtask it runs in. State handles are keyed: they read and write the value of the
 * current key (get them once in {@code open}); only functions on keyed streams have keyed state.
 */
public interface RuntimeContext {

    int getIndexOfThisSubtask();

    int getNumberOfParallelSubtasks();

    <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

    <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

    <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);

    <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor);
}
