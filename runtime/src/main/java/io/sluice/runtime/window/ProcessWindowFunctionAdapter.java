package io.sluice.runtime.window;

import io.sluice.api.function.Collector;
import io.sluice.api.windowing.ProcessWindowFunction;
import io.sluice.api.windowing.Window;
import java.util.List;

/** Runs a user {@link ProcessWindowFunction} as the window function. */
final class ProcessWindowFunctionAdapter implements WindowFunction {

    private final ProcessWindowFunction<Object, Object, Object, Window> function;

    ProcessWindowFunctionAdapter(ProcessWindowFunction<Object, Object, Object, Window> function) {
        this.function = function;
    }

    @Override
    public void apply(Object key, Window window, List<Object> values, WindowFiring firing, Collector<Object> out)
            throws Exception {
        function.process(key, new ProcessWindowFunction.Context<>() {
            @Override
            public Window window() {
                return window;
            }

            @Override
            public long currentWatermark() {
                return firing.currentWatermark();
            }

            @Override
            public long currentProcessingTime() {
                return firing.currentProcessingTime();
            }
        }, values, out);
    }
}
