package io.sluice.api.function;

/** Receives the records a function emits. */
@FunctionalInterface
public interface Collector<T> {
    void collect(T record);
}
