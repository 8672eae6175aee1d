package io.sluice.api.windowing;

import java.io.Serializable;

/** The distance between two elements, for delta triggers and evictors. */
@FunctionalInterface
public interface DeltaFunction<T> extends Serializable {
    double getDelta(T oldElement, T newElement);
}
