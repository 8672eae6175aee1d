package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.windowing.ProcessWindowFunction;
import io.sluice.api.windowing.TimeWindow;
import io.sluice.api.windowing.Window;
import io.sluice.graph.JobConfig;
import io.sluice.runtime.state.KeyGroupRange;
import io.sluice.runtime.state.KeyedStateSnapshot;
import io.sluice.runtime.testing.OperatorHarness;
import io.sluice.runtime.timer.TimerSnapshot;
import io.sluice.runtime.window.WindowTestEvents.Event;
import io.sluice.runtime.window.WindowTestEvents.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triggers, evictors and dynamic sessions on small inputs whose expected firings are worked out by hand. */
class WindowPartsTest {

    /** Sorted values of the window, then its start/end (-1 for the global window). */
    private static final ProcessWindowFunction<Object, Object, Object, Window> VALUES = (key, context, elements, out) -> {
        List<Object> result = new ArrayList<>();
        if (context.window() instanceof TimeWindow time) {
            result.add(time.start());
            result.add(time.end());
        }
        List<Integer> values = new ArrayList<>();
        elements.forEach(element -> values.add(((Event) element).value()));
        values.sort(null);
        result.addAll(values);
        out.collect(result);
    };

    private static WindowOperator operator(WindowAssigner assigner, Trigger trigger, Evictor evictor) {
        return new WindowOperator(assigner, trigger, evictor, 0, WindowOperator.allElements(),
                new ProcessWindowFunctionAdapter(VALUES), null);
    }

    private static Event event(long timestamp, int value) {
        return new Event("k", timestamp, value);
    }

    /** Next fire at the interval after the first element's aligned time, then every interval, then at the end. */
    @Test
    void continuousEventTimeTrigger() throws Exception {
        try (var h = OperatorHarness.keyed(operator(new TumblingWindows(20, 0, true),
                new ContinuousEventTimeTrigger(5), null), WindowTestEvents.KEY)) {
            h.processElement(event(2, 1), 2);
            h.processElement(event(7, 2), 7);
            h.processWatermark(6);
            h.processElement(event(12, 3), 12);
            h.processWatermark(12);
            h.processWatermark(30);
            assertThat(h.outputValues()).containsExactly(
                    List.of(0L, 20L, 1, 2), List.of(0L, 20L, 1, 2, 3), List.of(0L, 20L, 1, 2, 3),
                    List.of(0L, 20L, 1, 2, 3));
        }
    }

    @Test
    void continuousProcessingTimeTrigger() throws Exception {
        try (var h = OperatorHarness.keyed(operator(new TumblingWindows(20, 0, false),
                new ContinuousProcessingTimeTrigger(5), null), WindowTestEvents.KEY)) {
            h.advanceProcessingTime(2);
            h.processElement(event(0, 1), 0);
            h.advanceProcessingTime(4);
            h.processElement(event(0, 2), 0);
            h.advanceProcessingTime(19);
            assertThat(h.outputValues()).containsExactly(
                    List.of(0L, 20L, 1), List.of(0L, 20L, 1, 2), List.of(0L, 20L, 1, 2), List.of(0L, 20L, 1, 2));
        }
    }

    /** Evicting after the function: the function sees everything, the window keeps the last two. */
    @Test
    void countEvictorAfterTheFunction() throws Exception {
        try (var h = OperatorHarness.keyed(operator(new GlobalWindows(), new CountTrigger(3),
                new CountEvictor(2, true)), WindowTestEvents.KEY)) {
            for (int i = 1; i <= 7; i++) {
                h.processElement(event(i, i), i);
            }
            assertThat(h.outputValues()).containsExactly(List.of(1, 2, 3), List.of(2, 3, 4, 5, 6));
        }
    }

    /** Before the function: elements whose delta from the last element is >= 10 go (|1-25|, |5-25|), the rest stay. */
    @Test
    void deltaEvictorBeforeTheFunction() throws Exception {
        DeltaEvictor evictor = new DeltaEvictor(10, (a, b) -> Math.abs(((Event) a).value() - ((Event) b).value()), false);
        try (var h = OperatorHarness.keyed(operator(new GlobalWindows(), new CountTrigger(4), evictor),
                WindowTestEvents.KEY)) {
            int[] values = {1, 5, 30, 25};
            for (int i = 0; i < values.length; i++) {
                h.processElement(event(i, values[i]), i);
            }
            assertThat(h.outputValues()).containsExactly(List.of(25, 30));
        }
    }

    /** Time evictor after: fires see all, then elements at or before newest - 10 are dropped from the window. */
    @Test
    void timeEvictorAfterTheFunction() throws Exception {
        try (var h = OperatorHarness.keyed(operator(new GlobalWindows(), new CountTrigger(2),
                new TimeEvictor(10, true)), WindowTestEvents.KEY)) {
            long[] times = {0, 5, 10, 16};
            for (int i = 0; i < times.length; i++) {
                h.processElement(event(times[i], i), times[i]);
            }
            // First firing sees 0,1 and evicts nothing (5 - 10 < 0); the second sees 0..3, then keeps 10 and 16.
            assertThat(h.outputValues()).containsExactly(List.of(0, 1), List.of(0, 1, 2, 3));
        }
    }

    /** Gaps from the elements: [0,5) and [7,9) are apart until [4,7) joins both into [0,9). */
    @Test
    void dynamicSessionGap() throws Exception {
        SessionWindows sessions = new SessionWindows(element -> ((Event) element).value(), true);
        try (var h = OperatorHarness.keyed(operator(sessions, null, null), WindowTestEvents.KEY)) {
            h.processElement(event(0, 5), 0);
            h.processElement(event(7, 2), 7);
            h.processWatermark(3);
            assertThat(h.outputValues()).isEmpty();
            h.processElement(event(4, 3), 4);
            h.processWatermark(20);
            assertThat(h.outputValues()).containsExactly(List.of(0L, 9L, 2, 3, 5));
        }
    }

    /**
     * Keyed state and timers snapshotted mid-stream and restored into a fresh operator and backend give the same
     * output as an uninterrupted run (tumbling, sliding and session windows with lateness).
     */
    @Test
    void snapshotAndRestoreBetweenElements(@TempDir Path directory) throws Exception {
        List<Supplier<WindowAssigner>> assigners = List.of(() -> new TumblingWindows(10, 0, true),
                () -> new SlidingWindows(15, 5, 0, true), () -> SessionWindows.withGap(4, true));
        int checkpoint = 0;
        for (Supplier<WindowAssigner> assigner : assigners) {
            for (int seed = 0; seed < 5; seed++) {
                List<Step> input = WindowTestEvents.randomInput(new Random(seed), 120, 12);
                List<Object> uninterrupted;
                try (var h = OperatorHarness.keyed(lateOperator(assigner.get()), WindowTestEvents.KEY)) {
                    WindowTestEvents.feed(h, input);
                    uninterrupted = h.outputValues();
                }
                int cut = input.size() / 2;
                List<Object> restored = new ArrayList<>();
                KeyedStateSnapshot state;
                TimerSnapshot timers;
                WindowOperator first = lateOperator(assigner.get());
                try (var h = OperatorHarness.keyed(first, WindowTestEvents.KEY)) {
                    WindowTestEvents.feedSteps(h, input.subList(0, cut));
                    restored.addAll(h.outputValues());
                    state = h.stateBackend().snapshot(++checkpoint, directory.resolve("cp" + checkpoint));
                    timers = first.snapshotTimers();
                }
                WindowOperator second = lateOperator(assigner.get());
                try (var h = OperatorHarness.keyed(second, WindowTestEvents.KEY)) {
                    h.stateBackend().restore(List.of(state), KeyGroupRange.all(JobConfig.DEFAULT_MAX_PARALLELISM));
                    second.restoreTimers(timers);
                    WindowTestEvents.feed(h, input.subList(cut, input.size()));
                    restored.addAll(h.outputValues());
                }
                assertThat(restored).as("seed %d", seed).containsExactlyElementsOf(uninterrupted);
            }
        }
    }

    private static WindowOperator lateOperator(WindowAssigner assigner) {
        return new WindowOperator(assigner, null, null, 7, WindowOperator.allElements(),
                new ProcessWindowFunctionAdapter(VALUES), null);
    }
}
