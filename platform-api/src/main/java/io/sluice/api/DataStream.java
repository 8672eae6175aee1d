package io.sluice.api;

import io.sluice.api.eventtime.WatermarkStrategy;
import io.sluice.api.function.FilterFunction;
import io.sluice.api.function.FlatMapFunction;
import io.sluice.api.function.KeySelector;
import io.sluice.api.function.MapFunction;
import io.sluice.api.function.ProcessFunction;
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
    /** The side output of {@code node} this stream is, or null for its main output. */
    final String sideOutput;

    DataStream(StreamEnvironment env, StreamNode node, Partitioning partitioning, FunctionSpec key) {
        this(env, node, partitioning, key, null);
    }

    DataStream(StreamEnvironment env, StreamNode node, Partitioning partitioning, FunctionSpec key, String sideOutput) {
        this.env = env;
        this.node = node;
        this.partitioning = partitioning;
        this.key = key;
        this.sideOutput = sideOutput;
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

    /** The lowest-level transformation: records with their timestamps, side outputs (no timers: not keyed). */
    public <R> SingleOutputStreamOperator<R> process(ProcessFunction<T, R> function) {
        return then(new OperatorSpec.Process(JavaFunctions.serialize(function)));
    }

    /** The records of this stream and of {@code others} as one stream (of the job's default parallelism). */
    @SafeVarargs
    public final DataStream<T> union(DataStream<T>... others) {
        SingleOutputStreamOperator<T> union = then(new OperatorSpec.Union());
        for (DataStream<T> other : others) {
            other.connectTo(union.node, 0);
        }
        return union;
    }

    /** Pairs this stream with another for a two-input function ({@code map}, {@code flatMap}, keyed {@code process}). */
    public <R> ConnectedStreams<T, R> connect(DataStream<R> other) {
        return new ConnectedStreams<>(this, other);
    }

    /** Joins this stream with another in windows: {@code join(b).where(ka).equalTo(kb).window(w).apply(f)}. */
    public <R> JoinedStreams<T, R> join(DataStream<R> other) {
        return new JoinedStreams<>(this, other);
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
        return new KeyedStream<>(env, node, JavaFunctions.serialize(keySelector), sideOutput);
    }

    /** Windows over the whole (non-keyed) stream, evaluated by one subtask. */
    public WindowedStream<T, Integer> windowAll(io.sluice.graph.window.AssignerSpec assigner) {
        KeySelector<T, Integer> all = value -> 0;
        return new WindowedStream<>(keyBy(all), assigner, true);
    }

    /** Sends records round robin to the next operator's subtasks. */
    public DataStream<T> rebalance() {
        return new DataStream<>(env, node, Partitioning.REBALANCE, null, sideOutput);
    }

    /** Sends every record to all of the next operator's subtasks. */
    public DataStream<T> broadcast() {
        return new DataStream<>(env, node, Partitioning.BROADCAST, null, sideOutput);
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
        connectTo(next, 0);
        return next;
    }

    /** Feeds this stream into input {@code inputIndex} of {@code target}. */
    void connectTo(StreamNode target, int inputIndex) {
        env.connect(node, target, partitioning, key, inputIndex, sideOutput);
    }
}
