package io.sluice.runtime.process;

import io.sluice.api.function.RuntimeContext;
import io.sluice.api.state.ListState;
import io.sluice.api.state.ListStateDescriptor;
import io.sluice.api.state.MapState;
import io.sluice.api.state.MapStateDescriptor;
import io.sluice.api.state.ReducingState;
import io.sluice.api.state.ReducingStateDescriptor;
import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import io.sluice.runtime.operator.OperatorContext;

/** The {@link RuntimeContext} of a user function: the operator's subtask and keyed state (keyed operators only). */
record FunctionRuntimeContext(OperatorContext context) implements RuntimeContext {

    @Override
    public int getIndexOfThisSubtask() {
        return context.subtaskIndex();
    }

    @Override
    public int getNumberOfParallelSubtasks() {
        return context.parallelism();
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return context.keyedStateBackend().valueState(descriptor);
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return context.keyedStateBackend().listState(descriptor);
    }

    @Override
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        return context.keyedStateBackend().mapState(descriptor);
    }

    @Override
    public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
        return context.keyedStateBackend().reducingState(descriptor);
    }
}
