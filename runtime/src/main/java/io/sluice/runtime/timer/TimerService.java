package io.sluice.runtime.timer;

import io.sluice.api.state.ValueState;
import io.sluice.api.state.ValueStateDescriptor;
import io.sluice.runtime.StreamElement.Watermark;
import io.sluice.runtime.state.KeyedStateBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Event-time and processing-time timers of a keyed operator, per key (the backend's current key) and namespace.
 * {@link #advanceWatermark} fires every event-time timer at or before the watermark, {@link #advanceProcessingTime}
 * every processing-time timer at or before now, earliest first; before each firing the backend's current key is set
 * to the timer's key. Timers registered while firing fire in the same call if they are due. One queue per domain
 * for the subtask's key groups.
 *
 * <p>Every live timer is also written to the keyed state backend (state {@value #STATE}, per key, one entry per timer
 * with the timer as its namespace and its sequence number as the value: adding or removing a timer is one write and
 * never a read), so timers are part of every checkpoint of that backend and follow their key groups when state is
 * rescaled; after
 * the backend was restored, {@link #reloadFromState()} rebuilds the queues from it. {@link #snapshot()}/{@link
 * #restore} carry the queues and the watermark without the backend. Single-threaded, like the task.
 */
public final class TimerService {

    /** What happens when a timer fires. */
    public interface Triggerable {
        void onEventTime(Timer timer) throws Exception;

        void onProcessingTime(Timer timer) throws Exception;
    }

    /** Name of the keyed state holding the timers of each key. */
    public static final String STATE = "_timers";

    private static final ValueStateDescriptor<Long> PERSISTED = new ValueStateDescriptor<>(STATE, Long.class);

    private final KeyedStateBackend keys;
    private final Triggerable target;
    private final ValueState<Long> persisted;
    private final TimerQueue eventTimers = new TimerQueue();
    private final TimerQueue processingTimers = new TimerQueue();
    private long watermark = Long.MIN_VALUE;
    private long processingTime = Long.MIN_VALUE;

    public TimerService(KeyedStateBackend keys, Triggerable target) {
        this.keys = keys;
        this.target = target;
        this.persisted = keys.valueState(PERSISTED);
    }

    public void registerEventTimeTimer(Object namespace, long time) {
        register(eventTimers, true, namespace, time);
    }

    public void deleteEventTimeTimer(Object namespace, long time) {
        delete(eventTimers, true, namespace, time);
    }

    public void registerProcessingTimeTimer(Object namespace, long time) {
        register(processingTimers, false, namespace, time);
    }

    public void deleteProcessingTimeTimer(Object namespace, long time) {
        delete(processingTimers, false, namespace, time);
    }

    /** The last watermark advanced to; {@code Long.MIN_VALUE} before the first. */
    public long currentWatermark() {
        return watermark;
    }

    /** The last processing time advanced to. */
    public long currentProcessingTime() {
        return processingTime;
    }

    /** Fires due event-time timers. The idle marker is not a time and is ignored. */
    public void advanceWatermark(long newWatermark) throws Exception {
        if (Watermark.isIdle(newWatermark) || newWatermark <= watermark) {
            return;
        }
        watermark = newWatermark;
        Timer timer;
        while ((timer = eventTimers.pollDue(newWatermark)) != null) {
            keys.setCurrentKey(timer.key());
            unpersist(true, timer);
            target.onEventTime(timer);
        }
    }

    /** Fires due processing-time timers; cheap when none is due. */
    public void advanceProcessingTime(long now) throws Exception {
        processingTime = Math.max(processingTime, now);
        if (processingTimers.nextTimestamp() > now) {
            return;
        }
        Timer timer;
        while ((timer = processingTimers.pollDue(now)) != null) {
            keys.setCurrentKey(timer.key());
            unpersist(false, timer);
            target.onProcessingTime(timer);
        }
    }

    public int eventTimerCount() {
        return eventTimers.size();
    }

    public int processingTimerCount() {
        return processingTimers.size();
    }

    public TimerSnapshot snapshot() {
        return new TimerSnapshot(watermark, eventTimers.snapshot(), processingTimers.snapshot());
    }

    /** Replaces all timers and the watermark with the snapshot's (processing-time timers fire once due). */
    public void restore(TimerSnapshot snapshot) {
        watermark = snapshot.watermark();
        eventTimers.restore(snapshot.eventTimers());
        processingTimers.restore(snapshot.processingTimers());
    }

    /**
     * Replaces the queues with the timers in the keyed state backend (after it was restored from a checkpoint), in
     * their original order. The watermark is not state: it starts again from the inputs, as in Flink.
     */
    public void reloadFromState() {
        record Loaded(boolean eventTime, Timer timer, long sequence) {}
        Object key = keys.currentKey();
        Object namespace = keys.currentNamespace();
        List<Loaded> loaded = new ArrayList<>();
        for (KeyedStateBackend.KeyAndNamespace entry : keys.keysAndNamespaces(STATE)) {
            PersistedTimer p = (PersistedTimer) entry.namespace();
            keys.setCurrentKey(entry.key());
            keys.setCurrentNamespace(p);
            loaded.add(new Loaded(p.eventTime(), new Timer(entry.key(), p.namespace(), p.timestamp()),
                    persisted.value()));
        }
        loaded.sort(Comparator.comparingLong(Loaded::sequence));
        eventTimers.restore(List.of());
        processingTimers.restore(List.of());
        for (Loaded timer : loaded) {
            (timer.eventTime() ? eventTimers : processingTimers).add(timer.timer(), timer.sequence());
        }
        if (key != null) {
            keys.setCurrentKey(key);
        }
        keys.setCurrentNamespace(namespace);
    }

    private void register(TimerQueue queue, boolean eventTime, Object namespace, long time) {
        long sequence = queue.add(new Timer(keys.currentKey(), namespace, time));
        if (sequence >= 0) {
            Object current = keys.currentNamespace();
            keys.setCurrentNamespace(new PersistedTimer(eventTime, namespace, time));
            persisted.update(sequence);
            keys.setCurrentNamespace(current);
        }
    }

    private void delete(TimerQueue queue, boolean eventTime, Object namespace, long time) {
        Timer timer = new Timer(keys.currentKey(), namespace, time);
        if (queue.delete(timer)) {
            unpersist(eventTime, timer);
        }
    }

    /** Removes a timer of the current key from the state. */
    private void unpersist(boolean eventTime, Timer timer) {
        Object current = keys.currentNamespace();
        keys.setCurrentNamespace(new PersistedTimer(eventTime, timer.namespace(), timer.timestamp()));
        persisted.clear();
        keys.setCurrentNamespace(current);
    }
}
