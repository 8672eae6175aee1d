package io.sluice.api;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.CheckpointingConfig;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.JobGraphValidator;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.OperatorSpec.GeneratorKind;
import io.sluice.graph.OperatorTypes;
import io.sluice.graph.Partitioning;
import io.sluice.graph.json.JobSpecException;
import io.sluice.graph.json.SpecError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Entry point of the Java API (Flink's {@code StreamExecutionEnvironment}): creates sources, collects the operators
 * the streams add, and turns them into a {@link JobGraph}.
 *
 * <pre>{@code
 * StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
 * env.generateText(1000, 42)
 *         .flatMap((String line, Collector<String> out) -> ...)
 *         .keyBy(word -> word)
 *         .reduce((a, b) -> a)
 *         .print();
 * env.execute("words");
 * }</pre>
 */
public final class StreamEnvironment {

    private final List<StreamNode> nodes = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private int parallelism = 1;
    private int maxParallelism = JobConfig.DEFAULT_MAX_PARALLELISM;
    private CheckpointingConfig checkpointing;

    private StreamEnvironment() {}

    public static StreamEnvironment create() {
        return new StreamEnvironment();
    }

    /** Parallelism of every operator that does not set its own (default 1). */
    public StreamEnvironment setParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        return this;
    }

    /** Number of key groups: the upper bound of any operator's parallelism (default 128). */
    public StreamEnvironment setMaxParallelism(int maxParallelism) {
        if (maxParallelism < 1 || maxParallelism > JobGraphValidator.MAX_MAX_PARALLELISM) {
            throw new IllegalArgumentException("max parallelism must be between 1 and "
                    + JobGraphValidator.MAX_MAX_PARALLELISM + ", got " + maxParallelism);
        }
        this.maxParallelism = maxParallelism;
        return this;
    }

    /** Checkpoints every {@code interval} in the given mode (off unless called), with the default timeout. */
    public StreamEnvironment enableCheckpointing(Duration interval, CheckpointingConfig.Mode mode) {
        this.checkpointing = CheckpointingConfig.of(interval, mode);
        return this;
    }

    /** The numbers {@code 0 .. count-1}, split across the subtasks; a negative count is unbounded. */
    public SingleOutputStreamOperator<Long> generateSequence(long count) {
        return source(new OperatorSpec.GeneratorSource(GeneratorKind.SEQUENCE, count, 0, 0, null));
    }

    /** {@code count} deterministic lines of words for the seed; a negative count is unbounded. */
    public SingleOutputStreamOperator<String> generateText(long count, long seed) {
        return source(new OperatorSpec.GeneratorSource(GeneratorKind.TEXT_LINES, count, 0, seed, null));
    }

    /**
     * {@code count} car events like Flink's TopSpeedWindowing source, deterministic per seed: rows {@code carId}
     * (Integer), {@code speed} (Integer), {@code distance} (Double), {@code timestamp} (Long).
     */
    public SingleOutputStreamOperator<Map<String, Object>> generateCars(long count, long seed) {
        return source(new OperatorSpec.GeneratorSource(GeneratorKind.CARS, count, 0, seed, null));
    }

    /** The lines of a text file (read once, bounded), like Flink's {@code readTextFile}. */
    public SingleOutputStreamOperator<String> readTextFile(String path) {
        SingleOutputStreamOperator<Map<String, Object>> rows = source(
                new OperatorSpec.FileSource(path, OperatorSpec.FileFormat.STRING, List.of()));
        return rows.map(row -> (String) row.get("value"));
    }

    /** Rows of a topic of JSON objects, from the earliest offset, unbounded. */
    public SingleOutputStreamOperator<Map<String, Object>> fromKafka(String topic) {
        return fromKafka(KafkaSourceOptions.topic(topic));
    }

    /** Rows of a topic, read as the options say. */
    public SingleOutputStreamOperator<Map<String, Object>> fromKafka(KafkaSourceOptions options) {
        return source(options.toSpec());
    }

    /** The job built so far, validated. */
    public JobGraph getJobGraph(String name) {
        Objects.requireNonNull(name, "name");
        JobGraph graph = new JobGraph(name,
                nodes.stream().map(node -> node.toVertex(parallelism)).toList(),
                links.stream().map(this::toEdge).toList(),
                new JobConfig(parallelism, maxParallelism, checkpointing));
        List<SpecError> errors = JobGraphValidator.validate(graph);
        if (!errors.isEmpty()) {
            throw new JobSpecException(errors);
        }
        return graph;
    }

    /**
     * Runs the job with the {@link JobExecutor} on the classpath and blocks until it ends.
     *
     * @throws IllegalStateException if no executor is on the classpath
     */
    public void execute(String name) throws Exception {
        JobGraph graph = getJobGraph(name);
        JobExecutor executor = ServiceLoader.load(JobExecutor.class).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no JobExecutor found: add io.sluice:runtime to the classpath to run locally"));
        executor.execute(graph);
    }

    private <T> SingleOutputStreamOperator<T> source(OperatorSpec operator) {
        return new SingleOutputStreamOperator<>(this, addNode(operator));
    }

    /** Adds a vertex with a deterministic default id: its type and position, like {@code map-3}. */
    StreamNode addNode(OperatorSpec operator) {
        StreamNode node = new StreamNode(OperatorTypes.typeName(operator) + "-" + (nodes.size() + 1), operator);
        nodes.add(node);
        return node;
    }

    /** A null partitioning means the default: forward between equal parallelism, else rebalance. */
    void connect(StreamNode source, StreamNode target, Partitioning partitioning, FunctionSpec key, int inputIndex,
            String sideOutput) {
        links.add(new Link(source, target, partitioning, key, inputIndex, sideOutput));
    }

    private EdgeSpec toEdge(Link link) {
        Partitioning partitioning = link.partitioning();
        if (partitioning == null) {
            partitioning = link.source().parallelism(parallelism) == link.target().parallelism(parallelism)
                    ? Partitioning.FORWARD
                    : Partitioning.REBALANCE;
        }
        return new EdgeSpec(link.source().id(), link.target().id(), partitioning, link.key(), link.inputIndex(),
                link.sideOutput());
    }

    private record Link(StreamNode source, StreamNode target, Partitioning partitioning, FunctionSpec key,
            int inputIndex, String sideOutput) {}
}
