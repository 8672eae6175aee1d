package io.sluice.runtime.window;

import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import io.sluice.api.windowing.TimeWindow;
import io.sluice.api.windowing.Window;
import io.sluice.runtime.operator.BaseOperator;
import io.sluice.runtime.operator.Operator;
import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.timer.Timer;
import io.sluice.runtime.timer.TimerService;
import io.sluice.runtime.timer.TimerSnapshot;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * Keyed windows with Flink's semantics. Per element: the assigner names its windows (merging session windows through
 * {@link MergingWindowSet}); windows whose cleanup time ({@code maxTimestamp + allowedLateness} in event time,
 * {@code maxTimestamp} in processing time) has passed are skipped; the element is added to each remaining window's
 * {@link WindowContents} (state namespace = window) and the {@link Trigger} decides whether to fire and/or purge.
 * A firing runs the optional {@link Evictor} and the {@link WindowFunction}; results carry the window's max
 * timestamp. A cleanup timer drops each window's state at its cleanup time. An element that fell into no window
 * because all of them were late goes to the late-data output when it is later than the allowed lateness.
 *
 * <p>Timers live in a {@link TimerService} (namespace = window), which keeps them in the keyed state too: they are
 * part of every checkpoint of it, and reloaded in {@link #restoreState}.
 */
public final class WindowOperator extends BaseOperator implements TimerService.Triggerable {

    /** The merging window set of a key lives in the default namespace. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final ValueStateDescriptor<LinkedHashMap<TimeWindow, TimeWindow>> MERGING_WINDOWS =
            new ValueStateDescriptor("window-merging-set", LinkedHashMap.class);

    private final WindowAssigner assigner;
    private final Trigger trigger;
    private final Evictor evictor;
    private final long allowedLateness;
    private final Function<KeyedStateBackend, WindowContents> contentsFactory;
    private final WindowFunction function;
    private final Operator lateSink;

    private KeyedStateBackend backend;
    private TimerService timers;
    private WindowContents contents;
    private WindowTriggerContext triggerContext;
    private long lateRecordsDropped;

    /**
     * @param trigger null for the assigner's default
     * @param evictor null for none; needs contents that keep every element
     * @param contentsFactory how window contents are kept ({@link #allElements()}, {@link #reducing}, {@link #aggregating})
     * @param lateSink where elements later than the allowed lateness go (opened, finished and closed with this
     *     operator; a sink such as Kafka, or a collector in tests); null to drop (and count) them
     */
    public WindowOperator(WindowAssigner assigner, Trigger trigger, Evictor evictor, long allowedLateness,
            Function<KeyedStateBackend, WindowContents> contentsFactory, WindowFunction function, Operator lateSink) {
        if (allowedLateness < 0) {
            throw new IllegalArgumentException("allowed lateness must be >= 0");
        }
        this.assigner = assigner;
        this.trigger = trigger != null ? trigger : assigner.defaultTrigger();
        if (assigner.isMerging() && !this.trigger.canMerge()) {
            throw new IllegalArgumentException(this.trigger.getClass().getSimpleName()
                    + " cannot be used with merging (session) windows");
        }
        this.evictor = evictor;
        this.allowedLateness = assigner.isEventTime() ? allowedLateness : 0;
        this.contentsFactory = contentsFactory;
        this.function = function;
        this.lateSink = lateSink;
    }

    /** Keep every element (full-window functions and evictors). */
    public static Function<KeyedStateBackend, WindowContents> allElements() {
        return ListContents::new;
    }

    public static Function<KeyedStateBackend, WindowContents> reducing(
            io.sluice.api.function.ReduceFunction<Object> reduce) {
        return backend -> new ReducingContents(backend, reduce);
    }

    public static Function<KeyedStateBackend, WindowContents> aggregating(
            io.sluice.api.function.AggregateFunction<Object, Object, Object> aggregate) {
        return backend -> new AggregatingContents(backend, aggregate);
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        backend = context.keyedStateBackend();
        timers = new TimerService(backend, this);
        contents = contentsFactory.apply(backend);
        if (evictor != null && !(contents instanceof WindowContents.Elements)) {
            throw new IllegalArgumentException("an evictor needs window contents that keep every element");
        }
        triggerContext = new WindowTriggerContext(backend, timers, context.clock());
        if (lateSink != null) {
            lateSink.open(context, output);
        }
    }

    @Override
    public void processElement(Object value, long timestamp) throws Exception {
        if (value instanceof WindowPartial partial) {
            processPartial(partial);
            return;
        }
        Collection<? extends Window> windows =
                assigner.assignWindows(value, timestamp, context().clock().millis());
        boolean inSomeWindow = false;
        if (assigner.isMerging()) {
            MergingWindowSet set = loadMergingWindows();
            for (Window assigned : windows) {
                TimeWindow window = set.addWindow((TimeWindow) assigned, this::onMerge);
                if (isWindowLate(window)) {
                    set.retire(window);
                    continue;
                }
                inSomeWindow = true;
                addToWindow(value, timestamp, window, set.stateWindow(window));
            }
            storeMergingWindows(set);
        } else {
            for (Window window : windows) {
                if (!isWindowLate(window)) {
                    inSomeWindow = true;
                    addToWindow(value, timestamp, window, window);
                }
            }
        }
        if (!inSomeWindow && isElementLate(timestamp)) {
            if (lateSink != null) {
                lateSink.processElement(value, timestamp);
            } else {
                lateRecordsDropped++;
            }
        }
    }

    /**
     * A partial from {@link WindowPreAggregator} (non-merging windows with the default trigger, no lateness): it
     * names its window; a late one is dropped like a late element.
     */
    private void processPartial(WindowPartial partial) throws Exception {
        Window window = partial.window();
        if (isWindowLate(window)) {
            lateRecordsDropped++;
            return;
        }
        backend.setCurrentNamespace(window);
        contents.addPartial(partial.accumulator());
        apply(trigger.onElement(partial, window.maxTimestamp(), window, triggerContext.at(window)), window, window);
        registerCleanupTimer(window);
    }

    @Override
    public void processWatermark(long watermark) throws Exception {
        timers.advanceWatermark(watermark);
        super.processWatermark(watermark);
    }

    @Override
    public void onProcessingTime(long now) throws Exception {
        timers.advanceProcessingTime(now);
    }

    /** End of input: event time ends, so every event-time window fires (as after Flink's final watermark). */
    @Override
    public void finish() throws Exception {
        timers.advanceWatermark(Long.MAX_VALUE);
        if (lateSink != null) {
            lateSink.finish();
        }
    }

    @Override
    public void close() throws Exception {
        if (lateSink != null) {
            lateSink.close();
        }
    }

    @Override
    public void onEventTime(Timer timer) throws Exception {
        onTimer(timer, true);
    }

    @Override
    public void onProcessingTime(Timer timer) throws Exception {
        onTimer(timer, false);
    }

    /** Elements dropped as late because no late-data output was given. */
    public long lateRecordsDropped() {
        return lateRecordsDropped;
    }

    /** The timers live in the keyed state; an empty marker makes the task call {@link #restoreState} to reload them. */
    @Override
    public byte[] snapshotState(long checkpointId) {
        return new byte[0];
    }

    @Override
    public void restoreState(byte[] state) {
        timers.reloadFromState();
    }

    public TimerSnapshot snapshotTimers() {
        return timers.snapshot();
    }

    /** After the keyed state was restored: the timers of the same checkpoint. */
    public void restoreTimers(TimerSnapshot snapshot) {
        timers.restore(snapshot);
    }

    private void onTimer(Timer timer, boolean eventTime) throws Exception {
        Window window = (Window) timer.namespace();
        MergingWindowSet set = null;
        Window stateWindow = window;
        if (assigner.isMerging()) {
            set = loadMergingWindows();
            stateWindow = set.stateWindow((TimeWindow) window);
            if (stateWindow == null) {
                return; // merged into another window since the timer was set; that window has its own
            }
        }
        triggerContext.at(window);
        TriggerResult result = eventTime
                ? trigger.onEventTime(timer.timestamp(), window, triggerContext)
                : trigger.onProcessingTime(timer.timestamp(), window, triggerContext);
        apply(result, window, stateWindow);
        if (eventTime == assigner.isEventTime() && timer.timestamp() == cleanupTime(window)) {
            backend.setCurrentNamespace(stateWindow);
            contents.clear();
            trigger.clear(window, triggerContext.at(window));
            if (set != null) {
                set.retire((TimeWindow) window);
            }
        }
        if (set != null) {
            storeMergingWindows(set);
        }
    }

    private void addToWindow(Object value, long timestamp, Window window, Window stateWindow) throws Exception {
        backend.setCurrentNamespace(stateWindow);
        contents.add(value, timestamp);
        apply(trigger.onElement(value, timestamp, window, triggerContext.at(window)), window, stateWindow);
        registerCleanupTimer(window);
    }

    private void apply(TriggerResult result, Window window, Window stateWindow) throws Exception {
        if (result.isFire()) {
            fire(window, stateWindow);
        }
        if (result.isPurge()) {
            backend.setCurrentNamespace(stateWindow);
            contents.clear();
        }
    }

    private void fire(Window window, Window stateWindow) throws Exception {
        backend.setCurrentNamespace(stateWindow);
        List<Object> values;
        if (evictor == null) {
            values = contents.values();
        } else {
            WindowContents.Elements elements = (WindowContents.Elements) contents;
            List<TimestampedValue> kept = elements.elements();
            if (kept.isEmpty()) {
                return;
            }
            if (!evictor.evictsAfter()) {
                evictor.evict(kept, window);
            }
            values = kept.stream().map(TimestampedValue::value).toList();
            if (evictor.evictsAfter()) {
                evictor.evict(kept, window);
            }
            elements.replace(kept);
        }
        if (values.isEmpty()) {
            return;
        }
        long resultTime = window.maxTimestamp();
        function.apply(backend.currentKey(), window, values,
                new WindowFunction.WindowFiring(timers.currentWatermark(), context().clock().millis()),
                result -> output().collect(result, resultTime));
    }

    private void onMerge(TimeWindow result, Collection<TimeWindow> mergedWindows, TimeWindow stateWindow,
            Collection<TimeWindow> mergedStateWindows) throws Exception {
        trigger.onMerge(result, mergedWindows, triggerContext.at(result));
        for (TimeWindow merged : mergedWindows) {
            trigger.clear(merged, triggerContext.at(merged));
            deleteCleanupTimer(merged);
        }
        contents.merge(stateWindow, mergedStateWindows);
    }

    private MergingWindowSet loadMergingWindows() {
        backend.setCurrentNamespace(null);
        LinkedHashMap<TimeWindow, TimeWindow> mapping = backend.valueState(MERGING_WINDOWS).value();
        return new MergingWindowSet((MergingWindowAssigner) assigner,
                mapping == null ? new LinkedHashMap<>() : mapping);
    }

    private void storeMergingWindows(MergingWindowSet set) {
        backend.setCurrentNamespace(null);
        ValueState<LinkedHashMap<TimeWindow, TimeWindow>> state = backend.valueState(MERGING_WINDOWS);
        if (set.mapping().isEmpty()) {
            state.clear();
        } else {
            state.update(new LinkedHashMap<>(set.mapping()));
        }
    }

    /** When a window's state is dropped; {@code Long.MAX_VALUE} for never. */
    private long cleanupTime(Window window) {
        if (!assigner.isEventTime()) {
            return window.maxTimestamp();
        }
        long cleanup = window.maxTimestamp() + allowedLateness;
        return cleanup >= window.maxTimestamp() ? cleanup : Long.MAX_VALUE;
    }

    private void registerCleanupTimer(Window window) {
        long time = cleanupTime(window);
        if (time == Long.MAX_VALUE) {
            return;
        }
        if (assigner.isEventTime()) {
            timers.registerEventTimeTimer(window, time);
        } else {
            timers.registerProcessingTimeTimer(window, time);
        }
    }

    private void deleteCleanupTimer(Window window) {
        long time = cleanupTime(window);
        if (assigner.isEventTime()) {
            timers.deleteEventTimeTimer(window, time);
        } else {
            timers.deleteProcessingTimeTimer(window, time);
        }
    }

    private boolean isWindowLate(Window window) {
        return assigner.isEventTime() && cleanupTime(window) <= timers.currentWatermark();
    }

    private boolean isElementLate(long timestamp) {
        return assigner.isEventTime() && timestamp + allowedLateness <= timers.currentWatermark();
    }
}
