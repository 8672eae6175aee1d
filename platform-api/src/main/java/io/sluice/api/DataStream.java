package io.sluice.api;

import io.sluice.api.eventtime.WatermarkStrategy;
import io.sluice.api.function.FilterFunction;
import io.sluice.api.function.FlatMapFunction;
import io.sluice.api.function.KeySelector;
import io.sluice.api.function.MapFunction;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.OperatorSpec.DeliveryGuarantee;
import io.sluice.graph.OperatorSpec.RecordFormat;
import io.sluice.graph.Partitioning;

/**
 * A stream of records of type {@code T}. Each transformation adds an operator to the environment and returns the
 * stream it produces; {@link #rebalance()}, {@link #broadcast()} and {@link #keyBy(KeySelector)} only choose how
 * records reach the next operator. Functions must be {@link java.io.Serializable} (they are shipped to workers).
 *
 * @param <T> record type
 */
public class DataStream<T> {

    final StreamEnvironment env;
    final StreamNode node;
    /** Routing to the next operator; null for the default (forward or rebalance by parallelism). */
    private final Partitioning partitioning;
    private final FunctionSpec key;

    DataStream(StreamEnvironment env, StreamNode node, Partitioning partitioning, FunctionSpec key) {
        this.env = env;
        this.node = node;
        this.partitioning = partitioning;
        this.key = key;
    }

    /** One record out per record in. */
    public <R> SingleOutputStreamOperator<R> map(MapFunction<T, R> function) {
        return then(new OperatorSpec.Map(JavaFunctions.serialize(function)));
    }

    /** Keeps the records for which the function returns true. */
    public SingleOutputStreamOperator<T> filter(FilterFunction<T> function) {
        return then(new OperatorSpec.Filter(JavaFunctions.serialize(function)));
    }

    /** Zero or more records out per record in. */
    public <R> SingleOutputStreamOperator<R> flatMap(FlatMapFunction<T, R> function) {
        return then(new OperatorSpec.FlatMap(JavaFunctions.serialize(function), null));
    }

    /**
     * Stamps records with event time and generates watermarks as {@code strategy} says; the operator runs with the
     * parallelism of this stream (chained to it).
     */
    public SingleOutputStreamOperator<T> assignTimestampsAndWatermarks(WatermarkStrategy<T> strategy) {
        FunctionSpec timestamp = strategy.timestampAssigner() == null
                ? null
                : JavaFunctions.serialize(strategy.timestampAssigner());
        long idleness = strategy.idleness() == null ? 0 : strategy.idleness().toMillis();
        SingleOutputStreamOperator<T> stamped = then(new OperatorSpec.Watermarks(timestamp,
                strategy.outOfOrderness().toMillis(), idleness, WatermarkStrategy.DEFAULT_INTERVAL.toMillis()));
        stamped.node.followParallelismOf(node);
        return stamped;
    }

    /** Partitions by key: the next operator gets every record of a key on the same subtask. */
    public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> keySelector) {
        return new KeyedStream<>(env, node, JavaFunctions.serialize(keySelector));
    }

    /** Windows over the whole (non-keyed) stream, evaluated by one subtask. */
    public WindowedStream<T, Integer> windowAll(io.sluice.graph.window.AssignerSpec assigner) {
        KeySelector<T, Integer> all = value -> 0;
        return new WindowedStream<>(keyBy(all), assigner, true);
    }

    /** Sends records round robin to the next operator's subtasks. */
    public DataStream<T> rebalance() {
        return new DataStream<>(env, node, Partitioning.REBALANCE, null);
    }

    /** Sends every record to all of the next operator's subtasks. */
    public DataStream<T> broadcast() {
        return new DataStream<>(env, node, Partitioning.BROADCAST, null);
    }

    /** Writes records as JSON to a topic of the cluster's broker, without a key, at least once. */
    public DataStreamSink<T> sinkToKafka(String topic) {
        return sink(new OperatorSpec.KafkaSink(topic, null, null, RecordFormat.JSON, DeliveryGuarantee.AT_LEAST_ONCE));
    }

    /** Like {@link #sinkToKafka(String)}, with the record key chosen by {@code keySelector}. */
    public DataStreamSink<T> sinkToKafka(String topic, KeySelector<T, ?> keySelector) {
        return sink(new OperatorSpec.KafkaSink(topic, null, JavaFunctions.serialize(keySelector), RecordFormat.JSON,
                DeliveryGuarantee.AT_LEAST_ONCE));
    }

    /** Prints each record to standard output of the task. */
    public DataStreamSink<T> print() {
        return sink(new OperatorSpec.PrintSink(null));
    }

    /** Prints each record to standard output of the task, after {@code prefix}. */
    public DataStreamSink<T> print(String prefix) {
        return sink(new OperatorSpec.PrintSink(prefix));
    }

    /** Adds an operator fed by this stream. */
    <R> SingleOutputStreamOperator<R> then(OperatorSpec operator) {
        return new SingleOutputStreamOperator<>(env, append(operator));
    }

    private DataStreamSink<T> sink(OperatorSpec operator) {
        return new DataStreamSink<>(append(operator));
    }

    private StreamNode append(OperatorSpec operator) {
        StreamNode next = env.addNode(operator);
        env.connect(node, next, partitioning, key);
        return next;
    }
}
