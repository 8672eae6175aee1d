package io.sluice.runtime.window;

import io.sluice.runtime.window.WindowTestEvents.Element;
import io.sluice.runtime.window.WindowTestEvents.Event;
import io.sluice.runtime.window.WindowTestEvents.Firing;
import io.sluice.runtime.window.WindowTestEvents.Mark;
import io.sluice.runtime.window.WindowTestEvents.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Brute-force event-time windows written from Flink's documented semantics, without the engine's classes: windows
 * are found by scanning every candidate start, sessions by repeated pairwise merging. Event-time trigger (fires when
 * the watermark reaches end - 1, and again at once for an element arriving after that within the lateness), cleanup
 * at end - 1 + lateness, elements in no live window that are later than the lateness go to the late list.
 *
 * <p>In processing time (watermarks are then clock readings) no element is late and nothing fires on an element:
 * a window fires on the first clock reading at or after end - 1 (its timer), with everything it holds by then.
 */
final class ReferenceWindows {

    /** A live window of a key and the elements it holds. */
    private static final class Live {
        final String key;
        long start;
        long end;
        final List<Event> events = new ArrayList<>();

        Live(String key, long start, long end) {
            this.key = key;
            this.start = start;
            this.end = end;
        }
    }

    private final List<Live> live = new ArrayList<>();
    private final List<Firing> firings = new ArrayList<>();
    private final List<Event> late = new ArrayList<>();
    private final long lateness;
    private final boolean processingTime;
    private long watermark = Long.MIN_VALUE;

    private ReferenceWindows(long lateness, boolean processingTime) {
        this.lateness = lateness;
        this.processingTime = processingTime;
    }

    /** Sliding windows (tumbling when slide == size), aligned to 0. */
    static ReferenceWindows sliding(List<Step> steps, long size, long slide, long lateness) {
        return sliding(steps, size, slide, lateness, false);
    }

    static ReferenceWindows sliding(List<Step> steps, long size, long slide, long lateness, boolean processingTime) {
        ReferenceWindows reference = new ReferenceWindows(lateness, processingTime);
        for (Step step : steps) {
            if (step instanceof Element element) {
                reference.slidingElement(element.event(), size, slide);
            } else {
                reference.advance(((Mark) step).watermark());
            }
        }
        reference.advance(Long.MAX_VALUE);
        return reference;
    }

    static ReferenceWindows sessions(List<Step> steps, long gap, long lateness) {
        return sessions(steps, gap, lateness, false);
    }

    static ReferenceWindows sessions(List<Step> steps, long gap, long lateness, boolean processingTime) {
        ReferenceWindows reference = new ReferenceWindows(lateness, processingTime);
        for (Step step : steps) {
            if (step instanceof Element element) {
                reference.sessionElement(element.event(), gap);
            } else {
                reference.advance(((Mark) step).watermark());
            }
        }
        reference.advance(Long.MAX_VALUE);
        return reference;
    }

    List<Firing> firings() {
        return firings;
    }

    List<Event> late() {
        return late;
    }

    private void slidingElement(Event event, long size, long slide) {
        long t = event.timestamp();
        boolean accepted = false;
        for (long start = t - size; start <= t; start++) {
            if (Math.floorMod(start, slide) != 0 || start + size <= t) {
                continue;
            }
            long end = start + size;
            if (!processingTime && end - 1 + lateness <= watermark) {
                continue;
            }
            accepted = true;
            Live window = find(event.key(), start, end);
            if (window == null) {
                window = new Live(event.key(), start, end);
                live.add(window);
            }
            window.events.add(event);
            if (!processingTime && end - 1 <= watermark) {
                fire(window);
            }
        }
        if (!accepted && t + lateness <= watermark) {
            late.add(event);
        }
    }

    private void sessionElement(Event event, long gap) {
        Live session = new Live(event.key(), event.timestamp(), event.timestamp() + gap);
        session.events.add(event);
        boolean mergedAny = false;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Iterator<Live> it = live.iterator(); it.hasNext(); ) {
                Live other = it.next();
                if (other.key.equals(session.key) && other.start <= session.end && other.end >= session.start) {
                    session.start = Math.min(session.start, other.start);
                    session.end = Math.max(session.end, other.end);
                    session.events.addAll(other.events);
                    it.remove();
                    mergedAny = true;
                    grew = true;
                }
            }
        }
        if (!processingTime && !mergedAny && session.end - 1 + lateness <= watermark) {
            if (event.timestamp() + lateness <= watermark) {
                late.add(event);
            }
            return;
        }
        live.add(session);
        if (!processingTime && session.end - 1 <= watermark) {
            fire(session);
        }
    }

    private void advance(long newWatermark) {
        if (newWatermark < watermark || (newWatermark == watermark && !processingTime)) {
            return;
        }
        List<Live> due = new ArrayList<>();
        for (Live window : live) {
            if ((processingTime || window.end - 1 > watermark) && window.end - 1 <= newWatermark) {
                due.add(window);
            }
        }
        due.sort(Comparator.comparingLong(window -> window.end));
        due.forEach(this::fire);
        long limit = newWatermark;
        live.removeIf(window -> window.end - 1 + lateness <= limit || window.end - 1 + lateness < window.end - 1);
        watermark = newWatermark;
    }

    private Live find(String key, long start, long end) {
        for (Live window : live) {
            if (window.key.equals(key) && window.start == start && window.end == end) {
                return window;
            }
        }
        return null;
    }

    private void fire(Live window) {
        List<Integer> values = window.events.stream().map(Event::value).sorted().toList();
        firings.add(new Firing(window.key, window.start, window.end, values, window.end - 1));
    }
}
