package io.sluice.api.function;

import io.sluice.api.OutputTag;
import java.io.Serializable;

/**
 * The lowest-level function of a stream (Flink's {@code ProcessFunction}): sees each record with its timestamp and
 * may emit any number of records, and records to side outputs. On a non-keyed stream there is no keyed state and
 * no timers; use {@link KeyedProcessFunction} on a keyed stream for those.
 *
 * @param <I> input type
 * @param <O> output type
 */
public abstract class ProcessFunction<I, O> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Called once per subtask before the first record. */
    public void open(RuntimeContext context) throws Exception {}

    public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

    /** Called when a timer fires (keyed streams only). */
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<O> out) throws Exception {}

    public void close() throws Exception {}

    /** What a process function knows about the current record. */
    public interface Context {
        /** The record's event timestamp, or null when it has none. */
        Long timestamp();

        TimerService timerService();

        /** Emits {@code value} to the side output {@code tag}. */
        <X> void output(OutputTag<X> tag, X value);
    }

    /** The context of a firing timer. */
    public interface OnTimerContext extends Context {
        TimeDomain timeDomain();
    }
}
