package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.function.AggregateFunction;
import io.sluice.api.function.ReduceFunction;
import io.sluice.api.windowing.ProcessWindowFunction;
import io.sluice.api.windowing.TimeWindow;
import io.sluice.api.windowing.Window;
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
 */
class EventTimeWindowReferenceTest {

    enum Contents { PROCESS, REDUCE, AGGREGATE }

    static Stream<Arguments> settings() {
        List<Arguments> settings = new ArrayList<>();
        for (String assigner : List.of("tumbling", "sliding", "session")) {
            for (Contents contents : Contents.values()) {
                for (long lateness : new long[] {0, 7}) {
                    settings.add(Arguments.of(assigner, contents, lateness));
                }
            }
        }
        return settings.stream();
    }

    @ParameterizedTest(name = "{0} {1} lateness {2}")
    @MethodSource("settings")
    void matchesTheReference(String assigner, Contents contents, long lateness) throws Exception {
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
            LateData late = new LateData();
            List<Firing> actual;
            try (var h = OperatorHarness.keyed(operator(windows, contents, lateness, late), WindowTestEvents.KEY)) {
                WindowTestEvents.feed(h, input);
                actual = h.outputRecords().stream().map(r -> {
                    Firing f = (Firing) r.value();
                    return new Firing(f.key(), f.start(), f.end(), f.values(), r.timestamp());
                }).toList();
            }
            List<Firing> expected = reference.firings().stream().map(f -> expectedFor(contents, f)).toList();
            assertThat(actual).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(late.records).as("late, seed %d", seed).containsExactlyElementsOf(reference.late());
        }
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
