package io.sluice.api.eventtime;

import java.io.Serializable;

/**
 * Extracts the event timestamp (epoch milliseconds) of a record.
 *
 * @param <T> record type
 */
@FunctionalInterface
public interface TimestampAssigner<T> extends Serializable {

    /**
     * @param element the record
     * @param recordTimestamp the timestamp the record already has ({@code Long.MIN_VALUE} if none)
     */
    long extractTimestamp(T element, long recordTimestamp);
}
