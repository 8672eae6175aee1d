package io.sluice.api;

import io.sluice.api.function.CoFlatMapFunction;
import io.sluice.api.function.CoMapFunction;
import io.sluice.api.function.KeyedCoProcessFunction;
import io.sluice.api.function.KeySelector;
import io.sluice.graph.OperatorSpec;

/**
 * Two streams feeding one two-input operator (Flink's {@code ConnectedStreams}); the operator sees which input a
 * record came from. Its event time is the smaller of the two inputs' watermarks.
 *
 * @param <I1> first input type
 * @param <I2> second input type
 */
public final class ConnectedStreams<I1, I2> {

    private final DataStream<I1> first;
    private final DataStream<I2> second;

    ConnectedStreams(DataStream<I1> first, DataStream<I2> second) {
        if (first.env != second.env) {
            throw new IllegalArgumentException("connected streams must belong to the same environment");
        }
        this.first = first;
        this.second = second;
    }

    /** Partitions both inputs by key, so that records of equal keys meet in the same subtask. */
    public <K> ConnectedStreams<I1, I2> keyBy(KeySelector<I1, K> firstKey, KeySelector<I2, K> secondKey) {
        return new ConnectedStreams<>(first.keyBy(firstKey), second.keyBy(secondKey));
    }

    public <R> SingleOutputStreamOperator<R> map(CoMapFunction<I1, I2, R> function) {
        return add(new OperatorSpec.CoMap(JavaFunctions.serialize(function)));
    }

    public <R> SingleOutputStreamOperator<R> flatMap(CoFlatMapFunction<I1, I2, R> function) {
        return add(new OperatorSpec.CoFlatMap(JavaFunctions.serialize(function)));
    }

    /** Keyed state and timers over both inputs; both must be keyed ({@link #keyBy} or connected keyed streams). */
    public <K, R> SingleOutputStreamOperator<R> process(KeyedCoProcessFunction<K, I1, I2, R> function) {
        if (!(first instanceof KeyedStream<?, ?>) || !(second instanceof KeyedStream<?, ?>)) {
            throw new IllegalStateException("process(KeyedCoProcessFunction) needs both inputs keyed: call keyBy first");
        }
        return add(new OperatorSpec.KeyedCoProcess(JavaFunctions.serialize(function)));
    }

    <R> SingleOutputStreamOperator<R> add(OperatorSpec operator) {
        StreamNode node = first.env.addNode(operator);
        first.connectTo(node, 0);
        second.connectTo(node, 1);
        return new SingleOutputStreamOperator<>(first.env, node);
    }
}
