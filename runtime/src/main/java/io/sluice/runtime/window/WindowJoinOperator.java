package io.sluice.runtime.window;

import io.sluice.api.function.JoinFunction;
import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.operator.TwoInputOperator;
import java.util.ArrayList;
import java.util.List;

/**
 * A window join as Flink builds it (a co-group in windows): elements of both inputs go, tagged with their side, into
 * the same keyed windows of a {@link WindowOperator}; when a window fires, every first-input element is joined with
 * every second-input element of it, first-input major, each in arrival order. Results carry the window's max
 * timestamp. State, timers and checkpoints are the window operator's.
 */
public final class WindowJoinOperator implements TwoInputOperator {

    /** A window element and the input it came from. */
    record Tagged(int input, Object value) {}

    private final WindowOperator windows;

    WindowJoinOperator(WindowAssigner assigner, Trigger trigger, JoinFunction<Object, Object, Object> join) {
        this.windows = new WindowOperator(assigner, trigger, null, 0, WindowOperator.allElements(),
                (key, window, values, firing, out) -> {
                    List<Object> first = new ArrayList<>();
                    List<Object> second = new ArrayList<>();
                    for (Object value : values) {
                        Tagged tagged = (Tagged) value;
                        (tagged.input() == 0 ? first : second).add(tagged.value());
                    }
                    for (Object left : first) {
                        for (Object right : second) {
                            out.collect(join.join(left, right));
                        }
                    }
                }, null);
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        windows.open(context, output);
    }

    @Override
    public void processElement1(Object value, long timestamp) throws Exception {
        windows.processElement(new Tagged(0, value), timestamp);
    }

    @Override
    public void processElement2(Object value, long timestamp) throws Exception {
        windows.processElement(new Tagged(1, value), timestamp);
    }

    @Override
    public void processWatermark(long watermark) throws Exception {
        windows.processWatermark(watermark);
    }

    @Override
    public void onProcessingTime(long now) throws Exception {
        windows.onProcessingTime(now);
    }

    @Override
    public byte[] snapshotState(long checkpointId) throws Exception {
        return windows.snapshotState(checkpointId);
    }

    @Override
    public void restoreState(byte[] state) throws Exception {
        windows.restoreState(state);
    }

    @Override
    public void finish() throws Exception {
        windows.finish();
    }

    @Override
    public void close() throws Exception {
        windows.close();
    }
}
