package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.windowing.ProcessWindowFunction;
import io.sluice.api.windowing.TimeWindow;
import io.sluice.api.windowing.Window;
import io.sluice.runtime.testing.OperatorHarness;
import io.sluice.runtime.window.WindowTestEvents.Element;
import io.sluice.runtime.window.WindowTestEvents.Event;
import io.sluice.runtime.window.WindowTestEvents.Firing;
import io.sluice.runtime.window.WindowTestEvents.LateData;
import io.sluice.runtime.window.WindowTestEvents.Mark;
import io.sluice.runtime.window.WindowTestEvents.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Processing-time windows and count triggers on random input, against references written in the test.
 */
class TriggerWindowReferenceTest {

    private static final ProcessWindowFunction<Object, Object, Object, Window> TO_FIRING = (key, context, elements, out) -> {
        TimeWindow window = (TimeWindow) context.window();
        List<Integer> values = new ArrayList<>();
        elements.forEach(element -> values.add(((Event) element).value()));
        values.sort(null);
        out.collect(new Firing((String) key, window.start(), window.end(), values, window.maxTimestamp()));
    };

    /**
     * In processing time an element's time is the clock when it arrives; the reference runs in its processing-time
     * mode with every clock reading as a watermark (the input ends with a long advance so every window has fired;
     * processing-time windows do not fire at end of input).
     */
    @ParameterizedTest
    @ValueSource(strings = {"tumbling", "sliding", "session"})
    void processingTimeWindowsMatchTheReference(String kind) throws Exception {
        for (int seed = 0; seed < 30; seed++) {
            Random random = new Random(seed);
            WindowAssigner assigner = switch (kind) {
                case "tumbling" -> new TumblingWindows(10, 0, false);
                case "sliding" -> new SlidingWindows(15, 5, 0, false);
                default -> SessionWindows.withGap(4, false);
            };
            List<Step> asEventTime = new ArrayList<>();
            List<Firing> actual;
            try (var h = OperatorHarness.keyed(new WindowOperator(assigner, null, null, 0, WindowOperator.allElements(),
                    new ProcessWindowFunctionAdapter(TO_FIRING), null), WindowTestEvents.KEY)) {
                for (int i = 0; i < 200; i++) {
                    if (random.nextInt(3) == 0) {
                        h.advanceProcessingTime(random.nextInt(8));
                        asEventTime.add(new Mark(h.clock().millis()));
                    } else {
                        Event event = new Event("k" + random.nextInt(3), h.clock().millis(), random.nextInt(100));
                        h.processElement(event, -1_000_000);
                        asEventTime.add(new Element(event));
                    }
                }
                h.advanceProcessingTime(1_000);
                asEventTime.add(new Mark(h.clock().millis()));
                h.finish();
                actual = h.outputValues().stream().map(Firing.class::cast).toList();
            }
            ReferenceWindows reference = switch (kind) {
                case "tumbling" -> ReferenceWindows.sliding(asEventTime, 10, 10, 0, true);
                case "sliding" -> ReferenceWindows.sliding(asEventTime, 15, 5, 0, true);
                default -> ReferenceWindows.sessions(asEventTime, 4, 0, true);
            };
            assertThat(actual).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(reference.firings());
        }
    }

    /**
     * A count trigger (optionally purging) on event-time tumbling windows of 10 with lateness 5: the window fires
     * every n-th element it receives (with all elements so far, or those since the last purge), never on time, and
     * is dropped at end - 1 + lateness; elements for dropped windows are late.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void countTriggerMatchesTheReference(boolean purging) throws Exception {
        long size = 10;
        long lateness = 5;
        int n = 3;
        for (int seed = 0; seed < 30; seed++) {
            List<Step> input = WindowTestEvents.randomInput(new Random(seed), 200, 12);
            Trigger trigger = purging ? new PurgingTrigger(new CountTrigger(n)) : new CountTrigger(n);
            LateData late = new LateData();
            List<Firing> actual;
            try (var h = OperatorHarness.keyed(new WindowOperator(new TumblingWindows(size, 0, true), trigger, null,
                    lateness, WindowOperator.allElements(), new ProcessWindowFunctionAdapter(TO_FIRING), late),
                    WindowTestEvents.KEY)) {
                WindowTestEvents.feed(h, input);
                actual = h.outputValues().stream().map(Firing.class::cast).toList();
            }
            // Reference: per key and window start, the kept values and the count since the last firing.
            Map<String, List<Integer>> kept = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            List<Firing> expected = new ArrayList<>();
            List<Object> expectedLate = new ArrayList<>();
            long watermark = Long.MIN_VALUE;
            for (Step step : input) {
                if (step instanceof Mark mark) {
                    watermark = Math.max(watermark, mark.watermark());
                    long limit = watermark;
                    kept.keySet().removeIf(id -> Long.parseLong(id.split("@")[1]) + size - 1 + lateness <= limit);
                    counts.keySet().removeIf(id -> !kept.containsKey(id));
                    continue;
                }
                Event event = ((Element) step).event();
                long start = Math.floorDiv(event.timestamp(), size) * size;
                if (start + size - 1 + lateness <= watermark) {
                    expectedLate.add(event);
                    continue;
                }
                String id = event.key() + "@" + start;
                kept.computeIfAbsent(id, k -> new ArrayList<>()).add(event.value());
                if (counts.merge(id, 1, Integer::sum) == n) {
                    counts.remove(id);
                    List<Integer> values = new ArrayList<>(kept.get(id));
                    values.sort(null);
                    expected.add(new Firing(event.key(), start, start + size, values, start + size - 1));
                    if (purging) {
                        kept.remove(id);
                    }
                }
            }
            assertThat(actual).as("seed %d", seed).containsExactlyElementsOf(expected);
            assertThat(late.records).as("late, seed %d", seed).containsExactlyElementsOf(expectedLate);
        }
    }
}
