package io.sluice.runtime.window;

import io.sluice.api.windowing.Window;
import java.util.List;

/** Turns what a window holds when it fires into output records. */
public interface WindowFunction {

    /**
     * @param key the window's key
     * @param values every element, or the one pre-aggregated value
     * @param out receives the results (the operator stamps them with the window's max timestamp)
     */
    void apply(Object key, Window window, List<Object> values, WindowFiring firing, io.sluice.api.function.Collector<Object> out)
            throws Exception;

    /** Time at the firing. */
    record WindowFiring(long currentWatermark, long currentProcessingTime) {}

    /** Emits the values as they are: the results of an incremental reduce or aggregate. */
    static WindowFunction passThrough() {
        return (key, window, values, firing, out) -> values.forEach(out::collect);
    }
}
