package io.sluice.runtime.io;

/** Writes a job's dead letters (the Kafka implementation lives on the worker). Called from the task thread. */
public interface DeadLetterSink extends AutoCloseable {

    void write(DeadLetter letter);

    /**
     * Blocks until everything written is durable, and throws if any of it could not be written. Called at every
     * checkpoint before the task acknowledges it, at end of input and before close.
     */
    default void flush() {}

    @Override
    default void close() {}
}
