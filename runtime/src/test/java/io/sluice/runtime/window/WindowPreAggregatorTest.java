package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.function.ReduceFunction;
import io.sluice.api.windowing.TimeWindow;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.StreamElement.Record;
import io.sluice.runtime.StreamElement.Watermark;
import io.sluice.runtime.testing.OperatorHarness;
import io.sluice.runtime.window.WindowTestEvents.Event;
import org.junit.jupiter.api.Test;

/**
 * The pre-aggregator around idleness, which {@link EventTimeWindowReferenceTest} (one upstream, never idle) does not
 * reach: downstream leaves an idle channel out of its watermark, so a partial held back while idle could arrive
 * after the other channels have fired its window.
 */
class WindowPreAggregatorTest {

    private static final ReduceFunction<Object> SUM =
            (a, b) -> new Event(((Event) a).key(), ((Event) b).timestamp(), ((Event) a).value() + ((Event) b).value());

    @Test
    void everyBufferedPartialGoesOutBeforeTheIdleMarker() throws Exception {
        try (OperatorHarness h = harness()) {
            h.processElement(new Event("a", 3, 1), 3);
            h.processElement(new Event("a", 4, 2), 4);
            h.processElement(new Event("a", 15, 5), 15);
            h.processWatermark(5);
            assertThat(h.outputElements()).containsExactly(new Watermark(5));

            h.processWatermark(Watermark.IDLE);

            assertThat(h.outputElements()).containsExactly(
                    new Watermark(5),
                    partial(new Event("a", 4, 3), 0, 10),
                    partial(new Event("a", 15, 5), 10, 20),
                    new Watermark(Watermark.IDLE));
        }
    }

    @Test
    void whileIdleEachRecordGoesOutAtOnceUntilTheNextWatermark() throws Exception {
        try (OperatorHarness h = harness()) {
            h.processWatermark(Watermark.IDLE);
            h.processElement(new Event("a", 25, 1), 25);
            assertThat(h.outputElements()).containsExactly(
                    new Watermark(Watermark.IDLE), partial(new Event("a", 25, 1), 20, 30));

            h.processWatermark(21);
            h.processElement(new Event("a", 26, 2), 26);
            h.processElement(new Event("a", 27, 4), 27);
            assertThat(h.outputElements()).hasSize(3);
            h.processWatermark(30);

            assertThat(h.outputElements()).endsWith(partial(new Event("a", 27, 6), 20, 30), new Watermark(30));
        }
    }

    private static OperatorHarness harness() throws Exception {
        return OperatorHarness.of(new WindowPreAggregator(
                new TumblingWindows(10, 0, true), WindowTestEvents.KEY, PartialAggregation.ofReduce(SUM), 100));
    }

    private static StreamElement partial(Event accumulator, long start, long end) {
        return new Record(new WindowPartial(accumulator.key(), new TimeWindow(start, end), accumulator), end - 1);
    }
}
