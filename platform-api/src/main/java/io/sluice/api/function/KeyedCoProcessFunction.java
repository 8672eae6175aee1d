package io.sluice.api.function;

import java.io.Serializable;

/**
 * A process function over two connected keyed streams (Flink's {@code KeyedCoProcessFunction}): keyed state shared
 * by both inputs, timers per key, side outputs.
 *
 * @param <K> key type (both inputs' keys must be equal for the same logical key)
 */
public abstract class KeyedCoProcessFunction<K, I1, I2, O> implements Serializable {

    private static final long serialVersionUID = 1L;

    public void open(RuntimeContext context) throws Exception {}

    public abstract void processElement1(I1 value, KeyedProcessFunction.Context<K> ctx, Collector<O> out)
            throws Exception;

    public abstract void processElement2(I2 value, KeyedProcessFunction.Context<K> ctx, Collector<O> out)
            throws Exception;

    public void onTimer(long timestamp, KeyedProcessFunction.OnTimerContext<K> ctx, Collector<O> out)
            throws Exception {}

    public void close() throws Exception {}
}
