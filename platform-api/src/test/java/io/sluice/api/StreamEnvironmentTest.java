package io.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.api.function.FlatMapFunction;
import io.sluice.api.function.KeySelector;
import io.sluice.api.function.ReduceFunction;
import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.OperatorSpec.AggregateKind;
import io.sluice.graph.OperatorSpec.DeliveryGuarantee;
import io.sluice.graph.OperatorSpec.GeneratorKind;
import io.sluice.graph.OperatorSpec.RecordFormat;
import io.sluice.graph.OperatorSpec.StartFrom;
import io.sluice.graph.Partitioning;
import io.sluice.graph.VertexSpec;
import io.sluice.graph.json.JobSpecException;
import io.sluice.graph.json.SpecError;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamEnvironmentTest {

    @Test
    void buildsTheGraphOfAJavaJob() throws Exception {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(2).setMaxParallelism(64);
        env.generateText(1000, 42).setParallelism(1)
                .flatMap((FlatMapFunction<String, String>) (line, out) -> {
                    for (String word : line.split(" ")) {
                        out.collect(word);
                    }
                })
                .map(String::toLowerCase).name("lower")
                .filter(word -> !word.isEmpty()).uid("non-empty")
                .keyBy(word -> word)
                .reduce((a, b) -> a + b)
                .sinkToKafka("out", word -> word.substring(0, 1));

        JobGraph graph = env.getJobGraph("words");

        assertThat(graph.name()).isEqualTo("words");
        assertThat(graph.config()).isEqualTo(new JobConfig(2, 64));
        assertThat(graph.vertices()).extracting(VertexSpec::id, VertexSpec::name, VertexSpec::parallelism)
                .containsExactly(
                        tuple("generator-1", "generator-1", 1),
                        tuple("flat-map-2", "flat-map-2", 2),
                        tuple("map-3", "lower", 2),
                        tuple("non-empty", "non-empty", 2),
                        tuple("reduce-5", "reduce-5", 2),
                        tuple("kafka-sink-6", "kafka-sink-6", 2));
        assertThat(operator(graph, "generator-1"))
                .isEqualTo(new OperatorSpec.GeneratorSource(GeneratorKind.TEXT_LINES, 1000, 0, 42, null));
        assertThat(graph.edges()).extracting(EdgeSpec::source, EdgeSpec::target, EdgeSpec::partitioning)
                .containsExactly(
                        tuple("generator-1", "flat-map-2", Partitioning.REBALANCE),
                        tuple("flat-map-2", "map-3", Partitioning.FORWARD),
                        tuple("map-3", "non-empty", Partitioning.FORWARD),
                        tuple("non-empty", "reduce-5", Partitioning.HASH),
                        tuple("reduce-5", "kafka-sink-6", Partitioning.FORWARD));

        List<String> words = new ArrayList<>();
        FlatMapFunction<String, String> split = function(operatorFunction(graph, "flat-map-2"));
        split.flatMap("Big big Cat", words::add);
        assertThat(words).containsExactly("Big", "big", "Cat");
        ReduceFunction<String> reduce = function(((OperatorSpec.Reduce) operator(graph, "reduce-5")).function());
        assertThat(reduce.reduce("ab", "c")).isEqualTo("abc");
        OperatorSpec.KafkaSink sink = (OperatorSpec.KafkaSink) operator(graph, "kafka-sink-6");
        assertThat(sink.topic()).isEqualTo("out");
        assertThat(sink.format()).isEqualTo(RecordFormat.JSON);
        assertThat(sink.guarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        KeySelector<String, String> sinkKey = function(sink.key());
        assertThat(sinkKey.getKey("zebra")).isEqualTo("z");
    }

    @Test
    void keyByGivesTheNextOperatorAHashEdgeWithAWorkingKeySelector() throws Exception {
        StreamEnvironment env = StreamEnvironment.create();
        env.generateSequence(100)
                .keyBy(n -> n % 3)
                .sum("value")
                .print("> ");

        JobGraph graph = env.getJobGraph("mod");

        EdgeSpec keyed = graph.inputsOf("sum-2").get(0);
        assertThat(keyed.source()).isEqualTo("generator-1");
        assertThat(keyed.partitioning()).isEqualTo(Partitioning.HASH);
        assertThat(keyed.key()).isInstanceOf(FunctionSpec.JavaFunction.class);
        KeySelector<Long, Long> key = function(keyed.key());
        assertThat(key.getKey(7L)).isEqualTo(1L);
        assertThat(key.getKey(9L)).isEqualTo(0L);
        assertThat(operator(graph, "generator-1"))
                .isEqualTo(new OperatorSpec.GeneratorSource(GeneratorKind.SEQUENCE, 100, 0, 0, null));
        assertThat(operator(graph, "sum-2")).isEqualTo(new OperatorSpec.Aggregate(AggregateKind.SUM, "value", null));
        assertThat(operator(graph, "print-3")).isEqualTo(new OperatorSpec.PrintSink("> "));
        assertThat(graph.inputsOf("print-3")).containsExactly(EdgeSpec.forward("sum-2", "print-3"));
    }

    @Test
    void addsEveryKeyedAggregate() {
        StreamEnvironment env = StreamEnvironment.create();
        KeyedStream<Map<String, Object>, Object> keyed = env.fromKafka("in").keyBy(row -> row.get("k"));
        keyed.min("a");
        keyed.max("b");
        keyed.minBy("c");
        keyed.maxBy("d");

        JobGraph graph = env.getJobGraph("aggregates");

        assertThat(operator(graph, "kafka-source-1"))
                .isEqualTo(new OperatorSpec.KafkaSource("in", null, StartFrom.EARLIEST, false, RecordFormat.JSON));
        assertThat(graph.vertices().subList(1, 5)).extracting(VertexSpec::operator).containsExactly(
                new OperatorSpec.Aggregate(AggregateKind.MIN, "a", null),
                new OperatorSpec.Aggregate(AggregateKind.MAX, "b", null),
                new OperatorSpec.Aggregate(AggregateKind.MIN_BY, "c", null),
                new OperatorSpec.Aggregate(AggregateKind.MAX_BY, "d", null));
        assertThat(graph.outputsOf("kafka-source-1")).extracting(EdgeSpec::partitioning)
                .containsOnly(Partitioning.HASH);
    }

    @Test
    void choosesRoutingFromRebalanceBroadcastAndParallelism() {
        StreamEnvironment env = StreamEnvironment.create().setParallelism(3);
        SingleOutputStreamOperator<Map<String, Object>> rows = env.fromKafka(KafkaSourceOptions.topic("in")
                .withBounded(true).withFormat(RecordFormat.STRING).withStartFrom(StartFrom.LATEST)
                .withBootstrapServers("b:9092"));
        rows.rebalance().map(row -> row.size()).uid("sizes");
        rows.broadcast().print().uid("all").name("everything").setParallelism(2);
        rows.map(row -> row).setParallelism(1).uid("narrow");

        JobGraph graph = env.getJobGraph("routes");

        assertThat(operator(graph, "kafka-source-1"))
                .isEqualTo(new OperatorSpec.KafkaSource("in", "b:9092", StartFrom.LATEST, true, RecordFormat.STRING));
        assertThat(graph.edges()).containsExactly(
                new EdgeSpec("kafka-source-1", "sizes", Partitioning.REBALANCE, null),
                new EdgeSpec("kafka-source-1", "all", Partitioning.BROADCAST, null),
                new EdgeSpec("kafka-source-1", "narrow", Partitioning.REBALANCE, null));
        assertThat(graph.vertex("all").orElseThrow())
                .isEqualTo(new VertexSpec("all", "everything", 2, new OperatorSpec.PrintSink(null)));
    }

    @Test
    void rejectsFunctionsThatCannotBeSerialized() {
        Object notSerializable = new Object();
        StreamEnvironment env = StreamEnvironment.create();
        SingleOutputStreamOperator<Long> numbers = env.generateSequence(10);

        assertThatThrownBy(() -> numbers.map(n -> n + notSerializable.hashCode()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not serializable")
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void validatesTheGraphWhenItIsBuilt() {
        StreamEnvironment env = StreamEnvironment.create().setMaxParallelism(4);
        SingleOutputStreamOperator<Long> numbers = env.generateSequence(10);
        numbers.print().uid("out");
        numbers.print().uid("out");
        numbers.map(n -> n).uid("wide").setParallelism(5);

        assertThatThrownBy(() -> env.getJobGraph("bad"))
                .isInstanceOfSatisfying(JobSpecException.class, e -> assertThat(e.errors()).containsExactly(
                        new SpecError("vertex[out].id", "duplicate id 'out' (also at vertex[out].id)"),
                        new SpecError("vertex[wide].parallelism", "must be between 1 and 4 (max-parallelism), got 5")));
        assertThatThrownBy(() -> env.setParallelism(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> env.setMaxParallelism(40_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> numbers.setParallelism(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void executeWithoutAnExecutorOnTheClasspathFails() {
        StreamEnvironment env = StreamEnvironment.create();
        env.generateSequence(3).print();

        assertThatThrownBy(() -> env.execute("job"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no JobExecutor found: add io.sluice:runtime to the classpath to run locally");
    }

    @Test
    void executeHandsTheGraphToTheExecutorFoundByServiceLoader(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(JobExecutor.class.getName()), RecordingExecutor.class.getName() + "\n");
        StreamEnvironment env = StreamEnvironment.create();
        env.generateSequence(3).map(n -> n * 2).print();

        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, original)) {
            thread.setContextClassLoader(loader);
            env.execute("found");
        } finally {
            thread.setContextClassLoader(original);
        }

        assertThat(RecordingExecutor.LAST.get()).isEqualTo(env.getJobGraph("found"));
    }

    /** Registered through a service file written by the test above. */
    public static final class RecordingExecutor implements JobExecutor {
        static final AtomicReference<JobGraph> LAST = new AtomicReference<>();

        @Override
        public void execute(JobGraph graph) {
            LAST.set(graph);
        }
    }

    private static OperatorSpec operator(JobGraph graph, String id) {
        return graph.vertex(id).orElseThrow().operator();
    }

    private static FunctionSpec operatorFunction(JobGraph graph, String id) {
        return ((OperatorSpec.FlatMap) operator(graph, id)).function();
    }

    @SuppressWarnings("unchecked")
    private static <F> F function(FunctionSpec spec) throws Exception {
        byte[] bytes = ((FunctionSpec.JavaFunction) spec).serialized();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (F) in.readObject();
        }
    }
}
