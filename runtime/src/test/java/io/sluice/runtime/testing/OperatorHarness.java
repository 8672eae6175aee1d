package io.sluice.runtime.testing;

import io.sluice.api.function.KeySelector;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.OperatorSpec;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.operator.ChainingOutput;
import io.sluice.runtime.operator.Operator;
import io.sluice.runtime.operator.OperatorException;
import io.sluice.runtime.operator.OperatorFactory;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.operator.SubtaskContext;
import io.sluice.runtime.operator.UserFunctions;
import io.sluice.runtime.state.InMemoryKeyedStateBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one operator, or a list of operators as a chain, without a task: feed records and watermarks, read what
 * came out. Runs as subtask 0 of 1 with a {@link ManualClock}; given a key selector, the first operator is keyed
 * (heap state; the key of each record is set before it is processed, as the task does). Print sinks built by
 * {@link #forSpec} print into {@link #printedLines()}.
 *
 * <pre>{@code
 * try (var h = OperatorHarness.forSpec(new OperatorSpec.Aggregate(SUM, "n", null), new FunctionSpec.Expression("k"))) {
 *     h.processElement(Map.of("k", "a", "n", 1));
 *     assertThat(h.outputValues()).containsExactly(Map.of("k", "a", "n", 1));
 * }
 * }</pre>
 */
public final class OperatorHarness implements AutoCloseable {

    private final List<Operator> operators;
    private final KeySelector<Object, ?> key;
    private final InMemoryKeyedStateBackend stateBackend;
    private final ManualClock clock = new ManualClock();
    private final ByteArrayOutputStream printed;
    private final List<StreamElement.Record> records = new ArrayList<>();
    private final List<Long> watermarks = new ArrayList<>();

    private OperatorHarness(List<Operator> operators, KeySelector<Object, ?> key, ByteArrayOutputStream printed)
            throws Exception {
        if (operators.isEmpty()) {
            throw new IllegalArgumentException("no operators");
        }
        this.operators = List.copyOf(operators);
        this.key = key;
        this.stateBackend = key == null ? null : new InMemoryKeyedStateBackend();
        this.printed = printed;
        Output output = new Collecting();
        for (int i = operators.size() - 1; i >= 0; i--) {
            SubtaskContext context = new SubtaskContext("operator-" + i, 0, 1, JobConfig.DEFAULT_MAX_PARALLELISM,
                    getClass().getClassLoader(), i == 0 ? stateBackend : null, clock);
            operators.get(i).open(context, output);
            output = new ChainingOutput(operators.get(i));
        }
    }

    /** One operator, not keyed. */
    public static OperatorHarness of(Operator operator) throws Exception {
        return chain(List.of(operator), null);
    }

    /** One keyed operator. */
    public static OperatorHarness keyed(Operator operator, KeySelector<?, ?> key) throws Exception {
        return chain(List.of(operator), key);
    }

    /** Operators chained in order; keyed by {@code key} (the first operator) unless it is null. */
    @SuppressWarnings("unchecked")
    public static OperatorHarness chain(List<Operator> operators, KeySelector<?, ?> key) throws Exception {
        return new OperatorHarness(operators, (KeySelector<Object, ?>) key, new ByteArrayOutputStream());
    }

    /**
     * The operator a job spec describes, built as a task builds it.
     *
     * @param keyFunctionSpec the key of the input edge (required for keyed operators), or null
     */
    public static OperatorHarness forSpec(OperatorSpec spec, FunctionSpec keyFunctionSpec) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ClassLoader classLoader = OperatorHarness.class.getClassLoader();
        Operator operator = new OperatorFactory(classLoader, null, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .create(spec);
        KeySelector<Object, Object> key =
                keyFunctionSpec == null ? null : UserFunctions.keySelector(keyFunctionSpec, classLoader);
        return new OperatorHarness(List.of(operator), key, printed);
    }

    public void processElement(Object value, long timestamp) throws Exception {
        if (key != null) {
            stateBackend.setCurrentKey(key.getKey(value));
        }
        try {
            operators.get(0).processElement(value, timestamp);
        } catch (OperatorException e) {
            throw OperatorException.unwrap(e);
        }
    }

    /** A record without timestamp. */
    public void processElement(Object value) throws Exception {
        processElement(value, StreamElement.NO_TIMESTAMP);
    }

    public void processWatermark(long watermark) throws Exception {
        operators.get(0).processWatermark(watermark);
    }

    /** End of input, as a task signals it: every operator, head first. */
    public void finish() throws Exception {
        for (Operator operator : operators) {
            operator.finish();
        }
    }

    /** Moves processing time forward and tells the operators, as a task does on its next loop iteration. */
    public void advanceProcessingTime(long millis) throws Exception {
        clock.advanceMillis(millis);
        try {
            for (Operator operator : operators) {
                operator.onProcessingTime(clock.millis());
            }
        } catch (OperatorException e) {
            throw OperatorException.unwrap(e);
        }
    }

    /** The values of the records emitted so far, in order. */
    public List<Object> outputValues() {
        return records.stream().map(StreamElement.Record::value).toList();
    }

    public List<StreamElement.Record> outputRecords() {
        return List.copyOf(records);
    }

    /** Watermarks emitted so far, in order. */
    public List<Long> watermarks() {
        return List.copyOf(watermarks);
    }

    /** Lines print sinks built by {@link #forSpec} wrote. */
    public List<String> printedLines() {
        String text = printed.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }

    public ManualClock clock() {
        return clock;
    }

    /** The keyed state, or null when not keyed. */
    public InMemoryKeyedStateBackend stateBackend() {
        return stateBackend;
    }

    @Override
    public void close() throws Exception {
        for (Operator operator : operators) {
            operator.close();
        }
        if (stateBackend != null) {
            stateBackend.close();
        }
    }

    private final class Collecting implements Output {
        @Override
        public void collect(Object record, long timestamp) {
            records.add(new StreamElement.Record(record, timestamp));
        }

        @Override
        public void emitWatermark(long watermark) {
            watermarks.add(watermark);
        }
    }

}
