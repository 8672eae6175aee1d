package io.sluice.api;

import io.sluice.api.function.KeyedProcessFunction;
import io.sluice.api.function.ReduceFunction;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.OperatorSpec.AggregateKind;
import io.sluice.graph.Partitioning;
import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.EvictorSpec;
import io.sluice.graph.window.TriggerSpec;
import java.util.Objects;

/**
 * A stream partitioned by key: the next operator receives it through a hash edge, so each key is handled by one
 * subtask and keyed operators (reduce, aggregates) keep state per key.
 *
 * @param <T> record type
 * @param <K> key type
 */
public final class KeyedStream<T, K> extends DataStream<T> {

    KeyedStream(StreamEnvironment env, StreamNode node, FunctionSpec.JavaFunction key, String sideOutput) {
        super(env, node, Partitioning.HASH, key, sideOutput);
    }

    /** A process function with keyed state and per-key event-time and processing-time timers. */
    public <R> SingleOutputStreamOperator<R> process(KeyedProcessFunction<K, T, R> function) {
        return then(new OperatorSpec.KeyedProcess(JavaFunctions.serialize(function)));
    }

    /** Joins with another keyed stream by event-time interval: {@code intervalJoin(b).between(lo, hi).process(f)}. */
    public <R> IntervalJoin<T, R, K> intervalJoin(KeyedStream<R, K> other) {
        return new IntervalJoin<>(this, other);
    }

    /** Rolling reduce: emits the new accumulated value of the record's key for every record. */
    public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> function) {
        return then(new OperatorSpec.Reduce(JavaFunctions.serialize(function)));
    }

    /** Cuts each key's elements into windows (tumbling, sliding, session, global). */
    public WindowedStream<T, K> window(AssignerSpec assigner) {
        return new WindowedStream<>(this, assigner, false);
    }

    /** Windows of {@code size} elements per key, each firing and purging when full (Flink's countWindow(size)). */
    public WindowedStream<T, K> countWindow(long size) {
        return window(new AssignerSpec.Global()).trigger(new TriggerSpec.Purging(new TriggerSpec.Count(size)));
    }

    /** The last {@code size} elements of a key, evaluated every {@code slide} elements (Flink's countWindow(size, slide)). */
    public WindowedStream<T, K> countWindow(long size, long slide) {
        return window(new AssignerSpec.Global())
                .evictor(new EvictorSpec.Count(size, false))
                .trigger(new TriggerSpec.Count(slide));
    }

    /** Rolling sum of {@code field}; emits the record with the field set to the key's running sum. */
    public SingleOutputStreamOperator<T> sum(String field) {
        return aggregate(AggregateKind.SUM, field);
    }

    /** Rolling minimum of {@code field}. */
    public SingleOutputStreamOperator<T> min(String field) {
        return aggregate(AggregateKind.MIN, field);
    }

    /** Rolling maximum of {@code field}. */
    public SingleOutputStreamOperator<T> max(String field) {
        return aggregate(AggregateKind.MAX, field);
    }

    /** The record of the key with the smallest {@code field} so far. */
    public SingleOutputStreamOperator<T> minBy(String field) {
        return aggregate(AggregateKind.MIN_BY, field);
    }

    /** The record of the key with the largest {@code field} so far. */
    public SingleOutputStreamOperator<T> maxBy(String field) {
        return aggregate(AggregateKind.MAX_BY, field);
    }

    private SingleOutputStreamOperator<T> aggregate(AggregateKind kind, String field) {
        return then(new OperatorSpec.Aggregate(kind, Objects.requireNonNull(field, "field"), null));
    }
}
