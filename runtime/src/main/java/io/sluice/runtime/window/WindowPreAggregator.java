package io.sluice.runtime.window;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.sluice.api.function.KeySelector;
import io.sluice.api.windowing.Window;
import io.sluice.runtime.StreamElement.Watermark;
import io.sluice.runtime.operator.BaseOperator;
import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.record.RecordKryo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upstream half of {@link WindowPreAggregation}: folds each record into its key's accumulator per window and
 * emits the accumulators as {@link WindowPartial}s (timestamp: the window's max timestamp) when they must go:
 * <ul>
 *   <li>before a watermark that reaches the window's end, so every partial precedes the watermark that fires its
 *       window downstream, as its records would have;</li>
 *   <li>at once for a window the last watermark already passed (its records are late or nearly so, and must not
 *       wait for the next watermark);</li>
 *   <li>all of them before an idle marker ({@link Watermark#IDLE}), and every partial at once until the next
 *       watermark: downstream leaves an idle channel out of its watermark, which may then pass any window;</li>
 *   <li>all of them when more than {@code maxBuffered} accumulators are held (bounds the heap) and at end of input.</li>
 * </ul>
 * The buffer survives barriers as this operator's state, so a checkpoint neither flushes it nor shrinks the fold.
 * Single-threaded, like the task.
 */
public final class WindowPreAggregator extends BaseOperator {

    private final WindowAssigner assigner;
    private final KeySelector<Object, Object> key;
    private final PartialAggregation aggregation;
    private final int maxBuffered;

    /** Accumulators per window, then per key; few windows are open at once. */
    private final Map<Window, Map<Object, Object>> buffer = new LinkedHashMap<>();
    private int buffered;
    private long watermark = Long.MIN_VALUE;
    /** The last watermark forwarded was the idle marker. */
    private boolean idle;
    private Kryo kryo;

    WindowPreAggregator(WindowAssigner assigner, KeySelector<Object, Object> key, PartialAggregation aggregation,
            int maxBuffered) {
        this.assigner = assigner;
        this.key = key;
        this.aggregation = aggregation;
        this.maxBuffered = maxBuffered;
    }

    @Override
    public void open(OperatorContext context, io.sluice.runtime.operator.Output output) throws Exception {
        super.open(context, output);
        kryo = RecordKryo.create(context.userClassLoader());
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        Object k = key.getKey(value);
        for (Window window : assigner.assignWindows(value, timestamp, context().clock().millis())) {
            if (idle || window.maxTimestamp() <= watermark) {
                emit(k, window, aggregation.add(null, value));
                continue;
            }
            Map<Object, Object> accumulators = buffer.computeIfAbsent(window, w -> new HashMap<>());
            Object before = accumulators.get(k);
            accumulators.put(k, aggregation.add(before, value));
            if (before == null) {
                buffered++;
            }
        }
        if (buffered > maxBuffered) {
            flush(Long.MAX_VALUE);
        }
    }

    @Override
    public void processWatermark(long newWatermark) throws Exception {
        idle = Watermark.isIdle(newWatermark);
        if (idle) {
            flush(Long.MAX_VALUE);
        } else {
            watermark = Math.max(watermark, newWatermark);
            flush(newWatermark);
        }
        super.processWatermark(newWatermark);
    }

    @Override
    public void finish() throws Exception {
        flush(Long.MAX_VALUE);
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        if (buffered == 0) {
            return null;
        }
        Output out = new Output(4096, -1);
        out.writeInt(buffered);
        buffer.forEach((window, accumulators) -> accumulators.forEach((k, accumulator) -> {
            kryo.writeClassAndObject(out, k);
            kryo.writeClassAndObject(out, window);
            kryo.writeClassAndObject(out, accumulator);
        }));
        return out.toBytes();
    }

    @Override
    public void restoreState(byte[] state) throws Exception {
        buffer.clear();
        buffered = 0;
        load(state);
    }

    /** Rescaled: any subtask may send any key's partial, so the states of several subtasks simply merge. */
    @Override
    public void restoreState(List<byte[]> states) throws Exception {
        buffer.clear();
        buffered = 0;
        for (byte[] state : states) {
            load(state);
        }
    }

    private void load(byte[] state) throws Exception {
        Input in = new Input(state);
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            Object k = kryo.readClassAndObject(in);
            Window window = (Window) kryo.readClassAndObject(in);
            Object accumulator = kryo.readClassAndObject(in);
            Map<Object, Object> accumulators = buffer.computeIfAbsent(window, w -> new HashMap<>());
            Object before = accumulators.get(k);
            accumulators.put(k, before == null ? accumulator : aggregation.merge(before, accumulator));
            if (before == null) {
                buffered++;
            }
        }
    }

    /** Emits the accumulators of every window ending at or before {@code time}, earliest window first. */
    private void flush(long time) {
        List<Window> due = new ArrayList<>();
        for (Window window : buffer.keySet()) {
            if (window.maxTimestamp() <= time) {
                due.add(window);
            }
        }
        due.sort((a, b) -> Long.compare(a.maxTimestamp(), b.maxTimestamp()));
        for (Window window : due) {
            Map<Object, Object> accumulators = buffer.remove(window);
            buffered -= accumulators.size();
            accumulators.forEach((k, accumulator) -> emit(k, window, accumulator));
        }
    }

    private void emit(Object k, Window window, Object accumulator) {
        output().collect(new WindowPartial(k, window, accumulator), window.maxTimestamp());
    }
}
