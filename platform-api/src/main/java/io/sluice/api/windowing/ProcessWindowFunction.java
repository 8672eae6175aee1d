package io.sluice.api.windowing;

import io.sluice.api.function.Collector;
import java.io.Serializable;

/**
 * Sees all elements of a window at once (or the one pre-aggregated value when combined with reduce/aggregate),
 * with the window's metadata.
 *
 * @param <IN> elements
 * @param <OUT> results
 * @param <K> key (null for windowAll)
 * @param <W> window type
 */
@FunctionalInterface
public interface ProcessWindowFunction<IN, OUT, K, W extends Window> extends Serializable {

    void process(K key, Context<W> context, Iterable<IN> elements, Collector<OUT> out) throws Exception;

    /** The window being evaluated and the time around it. */
    interface Context<W extends Window> {
        W window();

        long currentWatermark();

        long currentProcessingTime();
    }
}
