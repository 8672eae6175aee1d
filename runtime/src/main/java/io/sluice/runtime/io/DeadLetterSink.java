package io.sluice.runtime.io;

/** Writes a job's dead letters (the Kafka implementation lives on the worker). Called from the task thread. */
public interface DeadLetterSink extends AutoCloseable {

    void write(DeadLetter letter);

    /** Makes everything written durable; called at end of input and before close. */
    default void flush() {}

    @Override
    default void close() {}
}
