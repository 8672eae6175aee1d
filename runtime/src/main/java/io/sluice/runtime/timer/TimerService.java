package io.sluice.runtime.timer;

import io.sluice.runtime.StreamElement.Watermark;
import io.sluice.runtime.state.KeyedStateBackend;

/**
 * Event-time and processing-time timers of a keyed operator, per key (the backend's current key) and namespace.
 * {@link #advanceWatermark} fires every event-time timer at or before the watermark, {@link #advanceProcessingTime}
 * every processing-time timer at or before now, earliest first; before each firing the backend's current key is set
 * to the timer's key. Timers registered while firing fire in the same call if they are due. One queue per domain
 * for the subtask's key groups; {@link #snapshot()}/{@link #restore} carry them (with the watermark) across a
 * restart. Single-threaded, like the task.
 */
public final class TimerService {

    /** What happens when a timer fires. */
    public interface Triggerable {
        void onEventTime(Timer timer) throws Exception;

        void onProcessingTime(Timer timer) throws Exception;
    }

    private final KeyedStateBackend keys;
    private final Triggerable target;
    private final TimerQueue eventTimers = new TimerQueue();
    private final TimerQueue processingTimers = new TimerQueue();
    private long watermark = Long.MIN_VALUE;
    private long processingTime = Long.MIN_VALUE;

    public TimerService(KeyedStateBackend keys, Triggerable target) {
        this.keys = keys;
        this.target = target;
    }

    public void registerEventTimeTimer(Object namespace, long time) {
        eventTimers.add(new Timer(keys.currentKey(), namespace, time));
    }

    public void deleteEventTimeTimer(Object namespace, long time) {
        eventTimers.delete(new Timer(keys.currentKey(), namespace, time));
    }

    public void registerProcessingTimeTimer(Object namespace, long time) {
        processingTimers.add(new Timer(keys.currentKey(), namespace, time));
    }

    public void deleteProcessingTimeTimer(Object namespace, long time) {
        processingTimers.delete(new Timer(keys.currentKey(), namespace, time));
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
}
