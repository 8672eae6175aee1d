package io.sluice.api;

/**
 * The stream produced by one operator; its settings ({@link #name}, {@link #uid}, {@link #setParallelism}) apply
 * to that operator.
 *
 * @param <T> record type
 */
public class SingleOutputStreamOperator<T> extends DataStream<T> {

    SingleOutputStreamOperator(StreamEnvironment env, StreamNode node) {
        super(env, node, null, null);
    }

    /** Display name of the operator (default: its id). */
    public SingleOutputStreamOperator<T> name(String name) {
        node.setName(name);
        return this;
    }

    /** Stable id of the operator, {@code [A-Za-z0-9_-]{1,64}} and unique in the job; keys its state. */
    public SingleOutputStreamOperator<T> uid(String uid) {
        node.setId(uid);
        return this;
    }

    /** Parallelism of the operator (default: the environment's). */
    public SingleOutputStreamOperator<T> setParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        node.setParallelism(parallelism);
        return this;
    }

    /** The records the operator emitted to side output {@code tag} (process functions, late window data). */
    public <X> DataStream<X> getSideOutput(OutputTag<X> tag) {
        return new DataStream<>(env, node, null, null, tag.getId());
    }
}
