package io.sluice.runtime.timer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Timers of one time domain, earliest first, without duplicates. Deletion is lazy: a deleted timer stays in the heap
 * until it reaches the head and is then skipped, so register and delete are O(log n) and O(1).
 */
final class TimerQueue {

    private final PriorityQueue<Timer> heap = new PriorityQueue<>(Comparator.comparingLong(Timer::timestamp));
    private final Set<Timer> live = new HashSet<>();

    void add(Timer timer) {
        if (live.add(timer)) {
            heap.add(timer);
        }
    }

    void delete(Timer timer) {
        live.remove(timer);
    }

    /** The earliest live timer at or before {@code time}, removed; null if none is due. */
    Timer pollDue(long time) {
        while (!heap.isEmpty()) {
            Timer head = heap.peek();
            if (!live.contains(head)) {
                heap.poll();
            } else if (head.timestamp() <= time) {
                heap.poll();
                live.remove(head);
                return head;
            } else {
                return null;
            }
        }
        return null;
    }

    /** Timestamp of the earliest live timer, or {@code Long.MAX_VALUE}. */
    long nextTimestamp() {
        while (!heap.isEmpty() && !live.contains(heap.peek())) {
            heap.poll();
        }
        return heap.isEmpty() ? Long.MAX_VALUE : heap.peek().timestamp();
    }

    /** The live timers, earliest first. */
    List<Timer> snapshot() {
        List<Timer> timers = new ArrayList<>(live);
        timers.sort(Comparator.comparingLong(Timer::timestamp));
        return timers;
    }

    void restore(List<Timer> timers) {
        heap.clear();
        live.clear();
        timers.forEach(this::add);
    }

    int size() {
        return live.size();
    }
}
