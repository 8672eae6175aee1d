package io.sluice.runtime.window;

import io.sluice.api.function.KeySelector;
import io.sluice.runtime.operator.Operator;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Inputs for window tests: keyed events, watermarks, a late-data collector, and a random generator of them. */
final class WindowTestEvents {

    private WindowTestEvents() {}

    /** A keyed element. */
    record Event(String key, long timestamp, int value) {}

    /** What a window emitted: key, bounds, the values it held (sorted) or the aggregate. */
    record Firing(String key, long start, long end, List<Integer> values, long timestamp) {}

    /** An input step: an element or a watermark. */
    sealed interface Step permits Element, Mark {}

    record Element(Event event) implements Step {}

    record Mark(long watermark) implements Step {}

    static final KeySelector<Object, Object> KEY = event -> ((Event) event).key();

    /** Collects late elements, as the late-data sink of a window operator. */
    static final class LateData implements Operator {
        final List<Object> records = new ArrayList<>();

        @Override
        public void processElement(Object record, long timestamp) {
            records.add(record);
        }
    }

    /**
     * Out-of-order events for a few keys with watermarks in between: timestamps drift forward with jitter up to
     * {@code disorder}, and watermarks trail the maximum by less than that, so some events are late (a few by much).
     */
    static List<Step> randomInput(Random random, int events, long disorder) {
        List<Step> steps = new ArrayList<>();
        long max = 0;
        long watermark = Long.MIN_VALUE;
        for (int i = 0; i < events; i++) {
            max += random.nextInt(4);
            long timestamp = Math.max(0, max - random.nextInt((int) disorder + 1));
            if (random.nextInt(20) == 0) {
                timestamp = Math.max(0, timestamp - 3 * disorder);
            }
            steps.add(new Element(new Event("k" + random.nextInt(3), timestamp, random.nextInt(100))));
            if (random.nextInt(4) == 0) {
                long next = max - random.nextInt((int) disorder / 2 + 1);
                if (next > watermark) {
                    watermark = next;
                    steps.add(new Mark(watermark));
                }
            }
        }
        return steps;
    }

    /** Feeds the steps, then ends the input. */
    static void feed(OperatorHarness harness, List<Step> steps) throws Exception {
        feedSteps(harness, steps);
        harness.finish();
    }

    static void feedSteps(OperatorHarness harness, List<Step> steps) throws Exception {
        for (Step step : steps) {
            if (step instanceof Element element) {
                harness.processElement(element.event(), element.event().timestamp());
            } else {
                harness.processWatermark(((Mark) step).watermark());
            }
        }
    }
}
