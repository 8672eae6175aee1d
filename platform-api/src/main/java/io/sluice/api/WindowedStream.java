package io.sluice.api;

import io.sluice.api.function.AggregateFunction;
import io.sluice.api.function.ReduceFunction;
import io.sluice.api.windowing.ProcessWindowFunction;
import io.sluice.api.windowing.Window;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.window.AssignerSpec;
import io.sluice.graph.window.EvictorSpec;
import io.sluice.graph.window.TriggerSpec;
import io.sluice.graph.window.WindowFunctionSpec;
import io.sluice.graph.window.WindowFunctionSpec.BuiltInKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A keyed stream cut into windows (Flink's {@code WindowedStream}): set the trigger, evictor and allowed lateness,
 * then finish with a window function. Results carry the window's max timestamp. Late data beyond the allowed
 * lateness is dropped unless {@link #lateDataToKafka} names a topic for it.
 *
 * @param <T> element type
 * @param <K> key type
 */
public final class WindowedStream<T, K> {

    private final DataStream<T> input;
    private final AssignerSpec assigner;
    private final boolean all;
    private TriggerSpec trigger;
    private EvictorSpec evictor;
    private long allowedLateness;
    private String lateOutputTopic;
    private String lateOutputTag;

    WindowedStream(DataStream<T> input, AssignerSpec assigner, boolean all) {
        this.input = input;
        this.assigner = Objects.requireNonNull(assigner, "assigner");
        this.all = all;
    }

    /** Replaces the assigner's default trigger. */
    public WindowedStream<T, K> trigger(TriggerSpec trigger) {
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        return this;
    }

    public WindowedStream<T, K> evictor(EvictorSpec evictor) {
        this.evictor = Objects.requireNonNull(evictor, "evictor");
        return this;
    }

    /** Keeps event-time windows this long after their end; each late element fires the window again. */
    public WindowedStream<T, K> allowedLateness(Duration lateness) {
        if (lateness.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must not be negative: " + lateness);
        }
        this.allowedLateness = lateness.toMillis();
        return this;
    }

    /**
     * Writes elements later than the allowed lateness (as JSON) to {@code topic} on the cluster's broker instead of
     * dropping them (Sluice's form of Flink's {@code sideOutputLateData}).
     */
    public WindowedStream<T, K> lateDataToKafka(String topic) {
        this.lateOutputTopic = Objects.requireNonNull(topic, "topic");
        return this;
    }

    /**
     * Emits elements later than the allowed lateness to side output {@code tag} instead of dropping them; read them
     * with {@code getSideOutput(tag)} on the window's result (Flink's {@code sideOutputLateData}).
     */
    public WindowedStream<T, K> sideOutputLateData(OutputTag<T> tag) {
        this.lateOutputTag = Objects.requireNonNull(tag, "tag").getId();
        return this;
    }

    public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> function) {
        return apply(new WindowFunctionSpec.Reduce(JavaFunctions.serialize(function), null));
    }

    /** Reduces incrementally; the process function gets the one reduced value with the window's metadata. */
    public <R, W extends Window> SingleOutputStreamOperator<R> reduce(
            ReduceFunction<T> function, ProcessWindowFunction<T, R, K, W> process) {
        return apply(new WindowFunctionSpec.Reduce(JavaFunctions.serialize(function), JavaFunctions.serialize(process)));
    }

    public <A, R> SingleOutputStreamOperator<R> aggregate(AggregateFunction<T, A, R> function) {
        return apply(new WindowFunctionSpec.Aggregate(JavaFunctions.serialize(function), null));
    }

    public <A, V, R, W extends Window> SingleOutputStreamOperator<R> aggregate(
            AggregateFunction<T, A, V> function, ProcessWindowFunction<V, R, K, W> process) {
        return apply(new WindowFunctionSpec.Aggregate(
                JavaFunctions.serialize(function), JavaFunctions.serialize(process)));
    }

    /** All elements of the window at once. */
    public <R, W extends Window> SingleOutputStreamOperator<R> process(ProcessWindowFunction<T, R, K, W> function) {
        return apply(new WindowFunctionSpec.Process(JavaFunctions.serialize(function)));
    }

    /** Per window, the element with the largest {@code field} (the first on ties). */
    public SingleOutputStreamOperator<T> maxBy(String field) {
        return apply(new WindowFunctionSpec.BuiltIn(BuiltInKind.MAX_BY, field, List.of()));
    }

    /** Per window, the element with the smallest {@code field} (the first on ties). */
    public SingleOutputStreamOperator<T> minBy(String field) {
        return apply(new WindowFunctionSpec.BuiltIn(BuiltInKind.MIN_BY, field, List.of()));
    }

    private <R> SingleOutputStreamOperator<R> apply(WindowFunctionSpec function) {
        SingleOutputStreamOperator<R> result =
                input.then(new OperatorSpec.Window(assigner, trigger, evictor, allowedLateness, function,
                        lateOutputTopic, lateOutputTag));
        return all ? result.setParallelism(1) : result;
    }
}
