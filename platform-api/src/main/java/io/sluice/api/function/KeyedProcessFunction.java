package io.sluice.api.function;

import io.sluice.api.OutputTag;
import java.io.Serializable;

/**
 * A process function on a keyed stream (Flink's {@code KeyedProcessFunction}): keyed state through the
 * {@link RuntimeContext} given to {@link #open}, event-time and processing-time timers per key that call
 * {@link #onTimer} with that key current, side outputs. Timers and state are checkpointed together.
 *
 * @param <K> key type
 * @param <I> input type
 * @param <O> output type
 */
public abstract class KeyedProcessFunction<K, I, O> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Called once per subtask before the first record; get state handles here. */
    public void open(RuntimeContext context) throws Exception {}

    public abstract void processElement(I value, Context<K> ctx, Collector<O> out) throws Exception;

    /** A timer registered for the current key fired at {@code timestamp}. */
    public void onTimer(long timestamp, OnTimerContext<K> ctx, Collector<O> out) throws Exception {}

    public void close() throws Exception {}

    /** What a keyed process function knows about the current record. */
    public interface Context<K> {
        /** The record's event timestamp (for a timer: the timer's time), or null when it has none. */
        Long timestamp();

        TimerService timerService();

        K getCurrentKey();

        <X> void output(OutputTag<X> tag, X value);
    }

    /** The context of a firing timer. */
    public interface OnTimerContext<K> extends Context<K> {
        TimeDomain timeDomain();
    }
}
