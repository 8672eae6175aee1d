package io.sluice.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.function.KeySelector;
import io.sluice.api.function.MapFunction;
import io.sluice.api.function.ReduceFunction;
import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.OperatorSpec.AggregateKind;
import io.sluice.graph.OperatorSpec.GeneratorKind;
import io.sluice.graph.Partitioning;
import io.sluice.graph.VertexSpec;
import io.sluice.runtime.expr.ExpressionException;
import io.sluice.runtime.source.TextLines;
import io.sluice.runtime.testing.JavaFunctions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LocalJobRunnerTest {

    private static final long LINES = 20_000;
    private static final long SEED = 42;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final LocalJobRunner runner = new LocalJobRunner()
            .withPrintStream(new PrintStream(printed, true, StandardCharsets.UTF_8))
            .withChannelCapacity(64);

    record Bucket(long key, long total) {}

    private static VertexSpec vertex(String id, int parallelism, OperatorSpec operator) {
        return new VertexSpec(id, id, parallelism, operator);
    }

    private List<String> printedLines() {
        String text = printed.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }

    @Test
    void wordCountOverTextLinesMatchesAnIndependentCount() throws Exception {
        JobGraph wordCount = new JobGraph("wordcount",
                List.of(
                        vertex("lines", 2, new OperatorSpec.GeneratorSource(GeneratorKind.TEXT_LINES, LINES, 0, SEED, "line")),
                        vertex("words", 2, new OperatorSpec.FlatMap(
                                new FunctionSpec.Expression("#split(#lower(line), '[^a-z]+')"), "word")),
                        vertex("counts", 2, new OperatorSpec.Aggregate(AggregateKind.COUNT, null, "count")),
                        vertex("out", 1, new OperatorSpec.PrintSink("wc"))),
                List.of(
                        EdgeSpec.forward("lines", "words"),
                        new EdgeSpec("words", "counts", Partitioning.HASH, new FunctionSpec.Expression("word")),
                        new EdgeSpec("counts", "out", Partitioning.REBALANCE, null)),
                new JobConfig(2, 128));

        runner.run(wordCount);

        Map<String, Long> expected = new HashMap<>();
        for (long index = 0; index < LINES; index++) {
            for (String word : TextLines.line(SEED, index).toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                if (!word.isEmpty()) {
                    expected.merge(word, 1L, Long::sum);
                }
            }
        }
        Pattern line = Pattern.compile("wc> \\{word=([a-z]+), count=(\\d+)}");
        Map<String, List<Long>> counts = new HashMap<>();
        for (String text : printedLines()) {
            Matcher m = line.matcher(text);
            assertThat(m.matches()).as(text).isTrue();
            counts.computeIfAbsent(m.group(1), w -> new ArrayList<>()).add(Long.parseLong(m.group(2)));
        }
        assertThat(counts.keySet()).isEqualTo(expected.keySet());
        expected.forEach((word, total) -> assertThat(counts.get(word))
                .as("running counts of '%s' are 1..%d in order (one subtask owns the key)", word, total)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList()));
    }

    @Test
    void javaFunctionsAndJavaRecordsFlowBetweenTasks() throws Exception {
        MapFunction<Long, Bucket> toBucket = value -> new Bucket(value % 3, value);
        KeySelector<Bucket, Long> byKey = Bucket::key;
        ReduceFunction<Bucket> add = (acc, bucket) -> new Bucket(acc.key(), acc.total() + bucket.total());
        JobGraph job = new JobGraph("java",
                List.of(
                        vertex("numbers", 2, new OperatorSpec.GeneratorSource(GeneratorKind.SEQUENCE, 1_000, 0, 0, null)),
                        vertex("buckets", 3, new OperatorSpec.Map(JavaFunctions.of(toBucket))),
                        vertex("sums", 2, new OperatorSpec.Reduce(JavaFunctions.of(add))),
                        vertex("out", 1, new OperatorSpec.PrintSink(null))),
                List.of(
                        new EdgeSpec("numbers", "buckets", Partitioning.REBALANCE, null),
                        new EdgeSpec("buckets", "sums", Partitioning.HASH, JavaFunctions.of(byKey)),
                        new EdgeSpec("sums", "out", Partitioning.REBALANCE, null)),
                new JobConfig(2, 128));

        runner.run(job);

        Map<Long, Long> expected = new HashMap<>();
        for (long value = 0; value < 1_000; value++) {
            expected.merge(value % 3, value, Long::sum);
        }
        Map<Long, Long> last = new HashMap<>();
        Pattern bucket = Pattern.compile("Bucket\\[key=(\\d+), total=(\\d+)]");
        for (String text : printedLines()) {
            Matcher m = bucket.matcher(text);
            assertThat(m.matches()).as(text).isTrue();
            last.merge(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Math::max);
        }
        assertThat(printedLines()).hasSize(1_000);
        assertThat(last).isEqualTo(expected);
    }

    @Test
    void cancelStopsARunningUnboundedJobPromptly() throws Exception {
        CountDownLatch printing = new CountDownLatch(1);
        PrintStream out = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                printing.countDown();
            }
        });
        JobGraph unbounded = new JobGraph("forever",
                List.of(
                        vertex("numbers", 2, new OperatorSpec.GeneratorSource(GeneratorKind.SEQUENCE, -1, 0, 0, "n")),
                        vertex("even", 2, new OperatorSpec.Filter(new FunctionSpec.Expression("n % 2 == 0"))),
                        vertex("out", 1, new OperatorSpec.PrintSink("x"))),
                List.of(EdgeSpec.forward("numbers", "even"), new EdgeSpec("even", "out", Partitioning.REBALANCE, null)),
                new JobConfig(2, 128));
        LocalJob job = runner.withPrintStream(out).withChannelCapacity(4).start(unbounded);
        assertThat(printing.await(30, TimeUnit.SECONDS)).as("job is running").isTrue();
        assertThat(job.isDone()).isFalse();

        job.cancel();

        assertThat(job.await(Duration.ofSeconds(5))).as("every task stopped").isTrue();
    }

    @Test
    void aTaskFailureCancelsTheJobAndIsRethrown() {
        JobGraph failing = new JobGraph("failing",
                List.of(
                        vertex("numbers", 2, new OperatorSpec.GeneratorSource(GeneratorKind.SEQUENCE, -1, 0, 0, "n")),
                        vertex("divide", 1, new OperatorSpec.Map(new FunctionSpec.Expression("100 / (n - 500)"))),
                        vertex("out", 1, new OperatorSpec.PrintSink(null))),
                List.of(new EdgeSpec("numbers", "divide", Partitioning.REBALANCE, null), EdgeSpec.forward("divide", "out")),
                new JobConfig(2, 128));
        LocalJob job = runner.start(failing);

        assertThatThrownBy(() -> job.await(Duration.ofSeconds(30)))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'100 / (n - 500)' failed");
        assertThat(job.isDone()).isTrue();
    }

    @Test
    void kafkaNeedsADelegate() {
        JobGraph toKafka = new JobGraph("kafka",
                List.of(
                        vertex("numbers", 1, new OperatorSpec.GeneratorSource(GeneratorKind.SEQUENCE, 10, 0, 0, "n")),
                        vertex("out", 1, new OperatorSpec.KafkaSink("topic", null, null, OperatorSpec.RecordFormat.JSON,
                                OperatorSpec.DeliveryGuarantee.AT_LEAST_ONCE))),
                List.of(EdgeSpec.forward("numbers", "out")),
                new JobConfig(1, 128));

        assertThatThrownBy(() -> runner.run(toKafka))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("without Kafka I/O");
    }
}
