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
import io.sluice.runtime.operator.TwoInputOperator;
import io.sluice.runtime.state.KeyGroupRange;
import io.sluice.runtime.state.KeyedStateCapture;
import io.sluice.runtime.state.KeyedStateSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /** The key of the second input of a two-input operator; null otherwise. */
    private KeySelector<Object, ?> key2;
    private final InMemoryKeyedStateBackend stateBackend;
    private final ManualClock clock = new ManualClock();
    private final ByteArrayOutputStream printed;
    private final List<StreamElement.Record> records = new ArrayList<>();
    private final List<Long> watermarks = new ArrayList<>();
    /** Records and watermarks of the main output, in the order emitted. */
    private final List<StreamElement> elements = new ArrayList<>();
    private final Map<String, List<StreamElement.Record>> sideOutputs = new LinkedHashMap<>();

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

    @SuppressWarnings("unchecked")
    private static KeySelector<Object, ?> castKey(KeySelector<?, ?> key) {
        return (KeySelector<Object, ?>) key;
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

    /** One keyed two-input operator; {@code key1} keys its first input, {@code key2} its second. */
    public static OperatorHarness keyedTwoInput(TwoInputOperator operator, KeySelector<?, ?> key1,
            KeySelector<?, ?> key2) throws Exception {
        OperatorHarness harness = keyed(operator, key1);
        harness.key2 = castKey(key2);
        return harness;
    }

    /** A record of the second input of a two-input head operator. */
    public void processElement2(Object value, long timestamp) throws Exception {
        if (key2 != null) {
            stateBackend.setCurrentKey(key2.getKey(value));
        }
        try {
            ((TwoInputOperator) operators.get(0)).processElement2(value, timestamp);
        } catch (OperatorException e) {
            throw OperatorException.unwrap(e);
        }
    }

    /**
     * Checkpoint n as a task takes it: the keyed state into {@code directory} and each operator's own state. Restore
     * it into fresh operators with {@link #restore}.
     */
    public Snapshot snapshot(long checkpointId, Path directory) throws Exception {
        return capture(checkpointId, directory).write();
    }

    /**
     * The synchronous part of checkpoint n, as a task takes it at the barrier; {@link Captured#write()} is the
     * asynchronous part, which may run on another thread while this harness goes on processing.
     */
    public Captured capture(long checkpointId, Path directory) throws Exception {
        List<byte[]> operatorStates = new ArrayList<>();
        for (Operator operator : operators) {
            operatorStates.add(operator.snapshotState(checkpointId));
        }
        return new Captured(stateBackend == null ? null : stateBackend.capture(checkpointId, directory),
                operatorStates, key2);
    }

    /** What {@link #capture} took at the barrier, not written yet. */
    public record Captured(KeyedStateCapture keyedState, List<byte[]> operatorStates, KeySelector<Object, ?> key2) {

        /** Writes the keyed state's file and returns the snapshot to restore. */
        public Snapshot write() throws IOException {
            return new Snapshot(keyedState == null ? null : keyedState.write(), operatorStates, key2);
        }
    }

    /**
     * New operators resumed from {@code snapshot} in the order a task resumes: opened, keyed state restored, then each
     * operator's own state handed back.
     */
    public static OperatorHarness restore(List<Operator> fresh, KeySelector<?, ?> key, Snapshot snapshot)
            throws Exception {
        OperatorHarness harness = chain(fresh, key);
        harness.key2 = snapshot.key2();
        if (snapshot.keyedState() != null) {
            harness.stateBackend.restore(List.of(snapshot.keyedState()),
                    KeyGroupRange.all(JobConfig.DEFAULT_MAX_PARALLELISM));
        }
        for (int i = 0; i < fresh.size(); i++) {
            byte[] state = snapshot.operatorStates().get(i);
            if (state != null) {
                fresh.get(i).restoreState(state);
            }
        }
        return harness;
    }

    /** What {@link #snapshot} took. */
    public record Snapshot(KeyedStateSnapshot keyedState, List<byte[]> operatorStates, KeySelector<Object, ?> key2) {}

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

    /** Records and watermarks emitted so far, interleaved as emitted (what a downstream task would read). */
    public List<StreamElement> outputElements() {
        return List.copyOf(elements);
    }

    /** The values emitted to side output {@code tag} so far, in order. */
    public List<Object> sideOutputValues(String tag) {
        return sideOutputs.getOrDefault(tag, List.of()).stream().map(StreamElement.Record::value).toList();
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
            StreamElement.Record element = new StreamElement.Record(record, timestamp);
            records.add(element);
            elements.add(element);
        }

        @Override
        public void emitWatermark(long watermark) {
            watermarks.add(watermark);
            elements.add(new StreamElement.Watermark(watermark));
        }

        @Override
        public void collectSide(String tag, Object record, long timestamp) {
            sideOutputs.computeIfAbsent(tag, t -> new ArrayList<>()).add(new StreamElement.Record(record, timestamp));
        }
    }

}
