package io.sluice.api.function;

import java.io.Serializable;

/** Extracts the key of a record. Keys must have a stable {@code hashCode} across JVMs (strings, numbers, records of those; not enums). */
@FunctionalInterface
public interface KeySelector<T, K> extends Serializable {
    K getKey(T value) throws Exception;
}
