package io.sluice.runtime.timer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Timers of one time domain, earliest first, without duplicates; timers due at the same time fire in registration
 * order, also after a snapshot and restore (so a restored operator emits in the same order). Deletion is lazy: a
 * deleted timer stays in the heap until it reaches the head and is then skipped.
 */
final class TimerQueue {

    /** The timestamp is copied in so that ordering the heap reads the entries only. */
    private record Entry(long timestamp, long sequence, Timer timer) implements Comparable<Entry> {

        Entry(Timer timer, long sequence) {
            this(timer.timestamp(), sequence, timer);
        }

        @Override
        public int compareTo(Entry other) {
            return timestamp != other.timestamp
                    ? Long.compare(timestamp, other.timestamp)
                    : Long.compare(sequence, other.sequence);
        }
    }

    private final PriorityQueue<Entry> heap = new PriorityQueue<>();
    /** Live timers and the sequence number of their heap entry. */
    private final Map<Timer, Long> live = new HashMap<>();
    private long nextSequence;

    /** Adds the timer unless it is live already; returns its new sequence number, or -1 if it was live. */
    long add(Timer timer) {
        if (live.containsKey(timer)) {
            return -1;
        }
        long sequence = nextSequence++;
        add(timer, sequence);
        return sequence;
    }

    /** Adds a timer with the sequence number it had before a restore, so ties keep their order. */
    void add(Timer timer, long sequence) {
        live.put(timer, sequence);
        heap.add(new Entry(timer, sequence));
        nextSequence = Math.max(nextSequence, sequence + 1);
    }

    /** Returns whether the timer was live. */
    boolean delete(Timer timer) {
        return live.remove(timer) != null;
    }

    /** The earliest live timer at or before {@code time}, removed; null if none is due. */
    Timer pollDue(long time) {
        dropDeletedHead();
        if (heap.isEmpty() || heap.peek().timestamp() > time) {
            return null;
        }
        Timer timer = heap.poll().timer();
        live.remove(timer);
        return timer;
    }

    /** Timestamp of the earliest live timer, or {@code Long.MAX_VALUE}. */
    long nextTimestamp() {
        dropDeletedHead();
        return heap.isEmpty() ? Long.MAX_VALUE : heap.peek().timestamp();
    }

    /** The live timers in firing order. */
    List<Timer> snapshot() {
        List<Entry> entries = new ArrayList<>();
        live.forEach((timer, sequence) -> entries.add(new Entry(timer, sequence)));
        entries.sort(null);
        return entries.stream().map(Entry::timer).toList();
    }

    void restore(List<Timer> timers) {
        heap.clear();
        live.clear();
        timers.forEach(timer -> add(timer));
    }

    int size() {
        return live.size();
    }

    private void dropDeletedHead() {
        while (!heap.isEmpty()) {
            Entry head = heap.peek();
            Long sequence = live.get(head.timer());
            if (sequence != null && sequence == head.sequence()) {
                return;
            }
            heap.poll();
        }
    }
}
