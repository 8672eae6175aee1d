package io.sluice.api.function;

/**
 * Time and timers of a process function (Flink's {@code TimerService}). Timers are per key: registering the same
 * time twice for a key fires once; they fire through {@code onTimer} with that key current. Timers are checkpointed
 * with the keyed state. Only keyed streams may register timers.
 */
public interface TimerService {

    /** The task's processing time (epoch millis). */
    long currentProcessingTime();

    /** The operator's event time: the last watermark it received ({@code Long.MIN_VALUE} before the first). */
    long currentWatermark();

    /** Fires {@code onTimer} once the watermark reaches {@code time}. */
    void registerEventTimeTimer(long time);

    /** Fires {@code onTimer} once processing time reaches {@code time}. */
    void registerProcessingTimeTimer(long time);

    void deleteEventTimeTimer(long time);

    void deleteProcessingTimeTimer(long time);
}
