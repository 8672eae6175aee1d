package io.sluice.api;

/**
 * A sink added to the job; only its settings can change.
 *
 * @param <T> record type written
 */
public final class DataStreamSink<T> {

    private final StreamNode node;

    DataStreamSink(StreamNode node) {
        this.node = node;
    }

    /** Display name of the sink (default: its id). */
    public DataStreamSink<T> name(String name) {
        node.setName(name);
        return this;
    }

    /** Stable id of the sink, {@code [A-Za-z0-9_-]{1,64}} and unique in the job. */
    public DataStreamSink<T> uid(String uid) {
        node.setId(uid);
        return this;
    }

    /** Parallelism of the sink (default: the environment's). */
    public DataStreamSink<T> setParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        node.setParallelism(parallelism);
        return this;
    }
}
