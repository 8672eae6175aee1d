package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.function.AggregateFunction;
import io.sluice.api.function.KeySelector;
import io.sluice.api.function.ReduceFunction;
import io.sluice.api.windowing.ProcessWindowFunction;
import io.sluice.api.windowing.TimeWindow;
import io.sluice.api.windowing.Window;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.testing.OperatorHarness;
import io.sluice.runtime.window.WindowTestEvents.Event;
import io.sluice.runtime.window.WindowTestEvents.Firing;
import io.sluice.runtime.window.WindowTestEvents.LateData;
import io.sluice.runtime.window.WindowTestEvents.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tumbling, sliding and session windows in event time, with and without allowed lateness, with every kind of window
 * contents (all elements + process, reduce + process, aggregate + process): random out-of-order input with late
 * events, compared with {@link ReferenceWindows}. Firings are compared as multisets (windows due at the same
 * watermark may fire in any order); each firing carries the window's values, so a wrong element shows.
 *
 * <p>Where {@link WindowPreAggregation} applies (tumbling and sliding, incremental contents, no lateness), the same
 * input also goes through a {@link WindowPreAggregator} first, as the task before the shuffle runs it: its buffer
 * bound small enough to overflow, and its state snapshotted and restored into a fresh instance every few steps. The
 * window operator then reads its partials and must fire exactly what the reference says.
 */
class EventTimeWindowReferenceTest {

    enum Contents { PROCESS, REDUCE, AGGREGATE }

    static Stream<Arguments> settings() {
        List<Arguments> settings = new ArrayList<>();
        for (String assigner : List.of("tumbling", "sliding", "session")) {
            for (Contents contents : Contents.values()) {
                for (long lateness : new long[] {0, 7}) {
                    settings.add(Arguments.of(assigner, contents, lateness, false));
                }
            }
        }
        for (String assigner : List.of("tumbling", "sliding")) {
            for (Contents contents : List.of(Contents.REDUCE, Contents.AGGREGATE)) {
                settings.add(Arguments.of(assigner, contents, 0L, true));
            }
        }
        return settings.stream();
    }

    @ParameterizedTest(name = "{0} {1} lateness {2} pre-aggregated {3}")
    @MethodSource("settings")
    void matchesTheReference(String assigner, Contents contents, long lateness, boolean preAggregated)
            throws Exception {
        for (int seed = 0; seed < 30; seed++) {
            Random random = new Random(seed);
            List<Step> input = WindowTestEvents.randomInput(random, 150, 12);
            ReferenceWindows reference = switch (assigner) {
                case "tumbling" -> ReferenceWindows.sliding(input, 10, 10, lateness);
                case "sliding" -> ReferenceWindows.sliding(input, 15, 5, lateness);
                default -> ReferenceWindows.sessions(input, 4, lateness);
            };
            WindowAssigner windows = switch (assigner) {
                case "tumbling" -> new TumblingWindows(10, 0, true);
                case "sliding" -> new SlidingWindows(15, 5, 0, true);
                default -> SessionWindows.withGap(4, true);
            };
            LateData late = preAggregated ? null : new LateData();
            List<Firing> actual;
            KeySelector<Object, Object> key = preAggregated ? p -> ((WindowPartial) p).key() : WindowTestEvents.KEY;
            try (var h = OperatorHarness.keyed(operator(windows, contents, lateness, late), key)) {
                if (preAggregated) {
                    replay(preAggregate(windows, contents, input, random), h);
                } else {
                    WindowTestEvents.feed(h, input);
                }
                actual = h.outputRecords().stream().map(r -> {
                    Firing f = (Firing) r.value();
                    return new Firing(f.key(), f.start(), f.end(), f.values(), r.timestamp());
                }).toList();
            }
            List<Firing> expected = reference.firings().stream().map(f -> expectedFor(contents, f)).toList();
            assertThat(actual).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expected);
            if (!preAggregated) {
                assertThat(late.records).as("late, seed %d", seed).containsExactlyElementsOf(reference.late());
            }
        }
    }

    /** The input through a pre-aggregator, restored from its own snapshot every few steps: what it emitted, in order. */
    private static List<StreamElement> preAggregate(WindowAssigner windows, Contents contents, List<Step> input,
            Random random) throws Exception {
        PartialAggregation aggregation = contents == Contents.REDUCE
                ? PartialAggregation.ofReduce(SUM)
                : PartialAggregation.ofAggregate(COUNT_AND_SUM);
        int maxBuffered = 1 + random.nextInt(8);
        List<StreamElement> emitted = new ArrayList<>();
        OperatorHarness h = OperatorHarness.of(new WindowPreAggregator(windows, WindowTestEvents.KEY, aggregation,
                maxBuffered));
        for (int from = 0; from < input.size(); from += 7) {
            WindowTestEvents.feedSteps(h, input.subList(from, Math.min(input.size(), from + 7)));
            emitted.addAll(h.outputElements());
            OperatorHarness.Snapshot snapshot = h.snapshot(from, null);
            h.close();
            h = OperatorHarness.restore(List.of(new WindowPreAggregator(windows, WindowTestEvents.KEY, aggregation,
                    maxBuffered)), null, snapshot);
        }
        h.finish();
        emitted.addAll(h.outputElements());
        h.close();
        return emitted;
    }

    /** Feeds what an upstream emitted, then ends the input. */
    private static void replay(List<StreamElement> elements, OperatorHarness h) throws Exception {
        for (StreamElement element : elements) {
            if (element instanceof StreamElement.Record record) {
                h.processElement(record.value(), record.timestamp());
            } else {
                h.processWatermark(((StreamElement.Watermark) element).timestamp());
            }
        }
        h.finish();
    }

    /** Reduce sums the values; aggregate counts and sums them; process lists them. */
    private static Firing expectedFor(Contents contents, Firing all) {
        int sum = all.values().stream().mapToInt(Integer::intValue).sum();
        List<Integer> values = switch (contents) {
            case PROCESS -> all.values();
            case REDUCE -> List.of(sum);
            case AGGREGATE -> List.of(all.values().size(), sum);
        };
        return new Firing(all.key(), all.start(), all.end(), values, all.timestamp());
    }

    private static WindowOperator operator(WindowAssigner assigner, Contents contents, long lateness, LateData late) {
        Function<io.sluice.runtime.state.KeyedStateBackend, WindowContents> kept = switch (contents) {
            case PROCESS -> WindowOperator.allElements();
            case REDUCE -> WindowOperator.reducing(SUM);
            case AGGREGATE -> WindowOperator.aggregating(COUNT_AND_SUM);
        };
        return new WindowOperator(assigner, null, null, lateness, kept, new ProcessWindowFunctionAdapter(TO_FIRING), late);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final ProcessWindowFunction<Object, Object, Object, Window> TO_FIRING = (key, context, elements, out) -> {
        TimeWindow window = (TimeWindow) context.window();
        List<Integer> values = new ArrayList<>();
        for (Object element : elements) {
            if (element instanceof Event event) {
                values.add(event.value());
            } else {
                values.addAll((List<Integer>) element);
            }
        }
        if (elements.iterator().next() instanceof Event) {
            values.sort(null);
        }
        out.collect(new Firing((String) key, window.start(), window.end(), values, 0));
    };

    /** Sums values; a window of one element keeps the element (its value is the sum). */
    private static final ReduceFunction<Object> SUM = (a, b) -> List.of(sumOf(a) + sumOf(b));

    @SuppressWarnings("unchecked")
    private static int sumOf(Object value) {
        return value instanceof Event event ? event.value() : ((List<Integer>) (List<?>) value).get(0);
    }

    /** [count, sum]. */
    private static final AggregateFunction<Object, Object, Object> COUNT_AND_SUM = new AggregateFunction<>() {
        @Override
        public Object createAccumulator() {
            return new long[2];
        }

        @Override
        public Object add(Object value, Object accumulator) {
            long[] acc = (long[]) accumulator;
            return new long[] {acc[0] + 1, acc[1] + ((Event) value).value()};
        }

        @Override
        public Object getResult(Object accumulator) {
            long[] acc = (long[]) accumulator;
            return List.of((int) acc[0], (int) acc[1]);
        }

        @Override
        public Object merge(Object a, Object b) {
            long[] x = (long[]) a;
            long[] y = (long[]) b;
            return new long[] {x[0] + y[0], x[1] + y[1]};
        }
    };
}
