package io.sluice.runtime.task;

import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.ChainSpec;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import io.sluice.runtime.io.SourceReader;
import io.sluice.runtime.metrics.OperatorCounters;
import io.sluice.runtime.metrics.TaskMetricsCollector;
import io.sluice.runtime.operator.ChainingOutput;
import io.sluice.runtime.operator.Operator;
import io.sluice.runtime.operator.RecordErrorGuard;
import io.sluice.runtime.operator.RecordErrors;
import io.sluice.runtime.operator.OperatorContext;
import io.sluice.runtime.operator.OperatorException;
import io.sluice.runtime.operator.OperatorFactory;
import io.sluice.runtime.operator.Output;
import io.sluice.runtime.operator.SubtaskContext;
import io.sluice.runtime.operator.TwoInputOperator;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.window.WindowPreAggregation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators of one chain in one subtask, each emitting into the next; the tail emits into the chain's
 * {@link RecordWriter}s. A source chain starts with a {@link SourceReader} instead of an operator. A keyed head
 * operator gets the keyed state backend (the task sets the current key before each record). A chain that writes
 * into a pre-aggregated window edge ends in that window's {@link io.sluice.runtime.window.WindowPreAggregator}.
 */
final class OperatorChain implements AutoCloseable {

    /** Names the state file of a chain's pre-aggregator: its tail vertex's uid and this (no uid has a dot). */
    private static final String PRE_AGGREGATION_STATE = ".pre-aggregation";

    private final SourceReader source;
    private final List<Operator> operators;
    private final List<OperatorContext> contexts;
    /** Per operator: its vertex's uid, which names its state in snapshots. */
    private final List<String> uids;
    /** Per operator: appended to the uid in its state file's name ("" but for a pre-aggregator, not a vertex). */
    private final List<String> stateSuffixes;
    private final List<Output> outputs;

    /** Where a source reader emits (the first operator, or the writers). */
    private final Output headOutput;
    /** The head vertex's counters: what enters the chain from its input channels. */
    private final OperatorCounters headCounters;

    private OperatorChain(SourceReader source, List<Operator> operators, List<OperatorContext> contexts,
            List<String> uids, List<String> stateSuffixes, List<Output> outputs, Output headOutput,
            OperatorCounters headCounters) {
        this.source = source;
        this.operators = operators;
        this.contexts = contexts;
        this.uids = uids;
        this.stateSuffixes = stateSuffixes;
        this.outputs = outputs;
        this.headOutput = headOutput;
        this.headCounters = headCounters;
    }

    /**
     * @param keyedState the state of the keyed head operator, or null if the head is not keyed
     * @param writers the chain's outputs (none for a chain that ends in a sink)
     * @param metrics counts records and watermarks per vertex of the chain (in chain order)
     */
    static OperatorChain create(JobGraph graph, ChainSpec chain, int subtask, OperatorFactory factory,
            ClassLoader userClassLoader, Clock clock, KeyedStateBackend keyedState, List<RecordWriter> writers,
            TaskMetricsCollector metrics, RecordErrors recordErrors) {
        List<VertexSpec> vertices = chain.vertexIds().stream().map(id -> graph.vertex(id).orElseThrow()).toList();
        int maxParallelism = graph.config().maxParallelism();
        for (int i = 1; i < vertices.size(); i++) {
            if (vertices.get(i).operator().isKeyed() || vertices.get(i).operator().isSource()) {
                throw new IllegalArgumentException("operator " + vertices.get(i).id() + " cannot be chained");
            }
        }
        OperatorSpec headSpec = vertices.get(0).operator();
        SourceReader source = headSpec.isSource() ? factory.createSource(headSpec) : null;
        List<VertexSpec> operatorVertices = source == null ? vertices : vertices.subList(1, vertices.size());

        List<Operator> operators = new ArrayList<>();
        List<OperatorContext> contexts = new ArrayList<>();
        List<String> uids = new ArrayList<>();
        List<String> stateSuffixes = new ArrayList<>();
        for (VertexSpec vertex : operatorVertices) {
            boolean keyed = vertex.operator().isKeyed();
            operators.add(RecordErrorGuard.guard(factory.create(vertex.operator()), recordErrors));
            contexts.add(new SubtaskContext(vertex.id(), subtask, chain.parallelism(), maxParallelism,
                    userClassLoader, keyed ? keyedState : null, clock, recordErrors));
            uids.add(vertex.uid());
            stateSuffixes.add("");
        }
        int vertexOperators = operators.size();
        VertexSpec tail = vertices.get(vertices.size() - 1);
        WindowPreAggregation.outputOf(graph, tail.id()).ifPresent(edge -> {
            operators.add(RecordErrorGuard.guard(factory.createPreAggregator(graph, edge), recordErrors));
            contexts.add(new SubtaskContext(tail.id(), subtask, chain.parallelism(), maxParallelism,
                    userClassLoader, null, clock, recordErrors));
            uids.add(tail.uid());
            stateSuffixes.add(PRE_AGGREGATION_STATE);
        });
        int firstOperator = source == null ? 0 : 1;
        List<Output> outputs = new ArrayList<>();
        Output next = new WriterOutput(writers);
        for (int i = operators.size() - 1; i >= 0; i--) {
            // a pre-aggregator is no vertex: the tail's counters count the records going into it
            outputs.add(0, i < vertexOperators ? metrics.meter(next, firstOperator + i) : next);
            next = new ChainingOutput(operators.get(i));
        }
        Output headOutput = operators.isEmpty() ? new WriterOutput(writers) : new ChainingOutput(operators.get(0));
        if (source != null) {
            headOutput = metrics.meter(headOutput, 0);
        }
        return new OperatorChain(source, List.copyOf(operators), List.copyOf(contexts), List.copyOf(uids),
                List.copyOf(stateSuffixes), List.copyOf(outputs), headOutput, metrics.operator(0));
    }

    boolean isSource() {
        return source != null;
    }

    /** Opens the tail first, so an operator never emits into one that is not open. */
    void open(OperatorContext sourceContext) throws Exception {
        for (int i = operators.size() - 1; i >= 0; i--) {
            operators.get(i).open(contexts.get(i), outputs.get(i));
        }
        if (source != null) {
            source.open(sourceContext);
        }
    }

    /** Emits the source's next batch through the chain. */
    SourceReader.Status pollSource() throws Exception {
        return source.pollNext(headOutput);
    }

    /** The source's position between two batches; empty for a chain without a source. */
    Map<String, Long> sourcePosition() {
        return source == null ? Map.of() : source.position();
    }

    void seekSource(Map<String, Long> position) {
        if (source != null) {
            source.seek(position);
        }
    }

    /** Resuming from a savepoint: the positions of the source's subtasks then, by subtask index. */
    void seekSourceRescaled(List<Map<String, Long>> positions) {
        if (source != null) {
            source.seekRescaled(positions);
        }
    }

    void processElement(Object value, long timestamp) throws Exception {
        headCounters.recordIn();
        operators.get(0).processElement(value, timestamp);
    }

    /** A record of logical input {@code input} (0 or 1) of the head operator. */
    void processElement(int input, Object value, long timestamp) throws Exception {
        headCounters.recordIn();
        if (input == 0) {
            operators.get(0).processElement(value, timestamp);
        } else if (operators.get(0) instanceof TwoInputOperator twoInput) {
            twoInput.processElement2(value, timestamp);
        } else {
            throw new IllegalStateException(contexts.get(0).operatorId() + " has one input but got a record on input "
                    + input);
        }
    }

    void processWatermark(long watermark) throws Exception {
        headCounters.watermarkIn(watermark);
        if (operators.isEmpty()) {
            headOutput.emitWatermark(watermark);
        } else {
            operators.get(0).processWatermark(watermark);
        }
    }

    /** Processing time advanced: every operator, head first. */
    void onProcessingTime(long now) throws Exception {
        for (Operator operator : operators) {
            operator.onProcessingTime(now);
        }
    }

    /**
     * Operator state of checkpoint n, taken at the barrier: the file {@code operator-<uid>.state} in
     * {@code directory} and its bytes, per operator that has any. The caller writes them.
     */
    Map<Path, byte[]> snapshotOperators(long checkpointId, Path directory) throws Exception {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < operators.size(); i++) {
            byte[] state = operators.get(i).snapshotState(checkpointId);
            if (state != null) {
                files.put(operatorStateFile(directory, uids.get(i) + stateSuffixes.get(i)), state);
            }
        }
        return files;
    }

    /** Hands each operator its state file of the snapshot in {@code directory}, if it wrote one. */
    void restoreOperators(Path directory) throws Exception {
        for (int i = 0; i < operators.size(); i++) {
            Path file = operatorStateFile(directory, uids.get(i) + stateSuffixes.get(i));
            if (Files.exists(file)) {
                operators.get(i).restoreState(Files.readAllBytes(file));
            }
        }
    }

    /**
     * Resuming from a savepoint: hands the operator {@code vertexId} the state files its uid has in
     * {@code directories} (snapshots of some of the savepoint's subtasks), as one list.
     */
    void restoreOperatorRescaled(String vertexId, String uid, List<Path> directories) throws Exception {
        for (int i = 0; i < operators.size(); i++) {
            if (contexts.get(i).operatorId().equals(vertexId)) {
                List<byte[]> states = new ArrayList<>();
                for (Path directory : directories) {
                    Path file = operatorStateFile(directory, uid + stateSuffixes.get(i));
                    if (Files.exists(file)) {
                        states.add(Files.readAllBytes(file));
                    }
                }
                if (!states.isEmpty()) {
                    operators.get(i).restoreState(states);
                }
            }
        }
    }

    void notifyCheckpointComplete(long checkpointId) throws Exception {
        for (Operator operator : operators) {
            operator.notifyCheckpointComplete(checkpointId);
        }
    }

    private static Path operatorStateFile(Path directory, String uid) {
        return CheckpointStorage.operatorStateFile(directory, uid);
    }

    /** End of input: head first, so what an operator flushes reaches the ones after it before they finish. */
    void finish() throws Exception {
        for (Operator operator : operators) {
            operator.finish();
        }
    }

    @Override
    public void close() throws Exception {
        Closer closer = new Closer();
        if (source != null) {
            closer.register(source);
        }
        operators.forEach(operator -> closer.register(operator::close));
        closer.close();
    }

    /** Emits into the chain's outgoing edges: main output records to main edges, side outputs to theirs. */
    private record WriterOutput(List<RecordWriter> writers) implements Output {
        @Override
        public void collect(Object record, long timestamp) {
            emit(null, record, timestamp);
        }

        @Override
        public void collectSide(String tag, Object record, long timestamp) {
            emit(tag, record, timestamp);
        }

        private void emit(String tag, Object record, long timestamp) {
            try {
                for (RecordWriter writer : writers) {
                    if (java.util.Objects.equals(writer.sideOutput(), tag)) {
                        writer.emit(record, timestamp);
                    }
                }
            } catch (Exception e) {
                throw OperatorException.wrap(e);
            }
        }

        @Override
        public void emitWatermark(long watermark) {
            StreamElement.Watermark element = new StreamElement.Watermark(watermark);
            writers.forEach(writer -> writer.broadcast(element));
        }
    }
}
