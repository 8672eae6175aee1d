package io.sluice.api.windowing;

import java.io.Serializable;

/** The session gap (milliseconds, positive) that follows an element: dynamic session windows. */
@FunctionalInterface
public interface SessionGapExtractor<T> extends Serializable {
    long extract(T element);
}
