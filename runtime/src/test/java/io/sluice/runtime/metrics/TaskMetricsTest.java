package io.sluice.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.function.FilterFunction;
import io.sluice.api.function.MapFunction;
import io.sluice.graph.EdgeSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.OperatorSpec.GeneratorKind;
import io.sluice.graph.Partitioning;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.SubtaskMetrics;
import io.sluice.protocol.TaskId;
import io.sluice.runtime.local.LocalJob;
import io.sluice.runtime.local.LocalJobRunner;
import io.sluice.runtime.testing.JavaFunctions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Real tasks of the local runner publish what they measured: exact record counts, back-pressure of a slow sink. */
class TaskMetricsTest {

    /** The latest publication of every task (the last one is published when the task ends). */
    private final Map<TaskId, SubtaskMetrics> latest = new ConcurrentHashMap<>();
    private final LocalJobRunner runner = new LocalJobRunner()
            .withPrintStream(new PrintStream(OutputStream.nullOutputStream()))
            .withChannelCapacity(64)
            .withMetrics(task -> metrics -> latest.put(task, metrics));

    @Test
    void perOperatorCountersShowExactlyTheRecordsThatPassed() throws Exception {
        long count = 10_007;
        JobGraph graph = new JobGraph("counted",
                List.of(
                        vertex("numbers", 2, new OperatorSpec.GeneratorSource(GeneratorKind.SEQUENCE, count, 0, 0, null)),
                        vertex("doubled", 2, new OperatorSpec.Map(JavaFunctions.of((MapFunction<Long, Long>) x -> x * 2))),
                        vertex("thirds", 2, new OperatorSpec.Filter(
                                JavaFunctions.of((FilterFunction<Long>) x -> x % 3 == 0))),
                        vertex("out", 1, new OperatorSpec.PrintSink("m"))),
                List.of(EdgeSpec.forward("numbers", "doubled"), EdgeSpec.forward("doubled", "thirds"),
                        new EdgeSpec("thirds", "out", Partitioning.REBALANCE, null)),
                new JobConfig(2, 128));

        runner.run(graph);

        long kept = 0;
        for (long i = 0; i < count; i++) {
            if ((2 * i) % 3 == 0) {
                kept++;
            }
        }
        assertThat(total("numbers", true)).isEqualTo(count);
        assertThat(total("doubled", false)).isEqualTo(count);
        assertThat(total("doubled", true)).isEqualTo(count);
        assertThat(total("thirds", false)).isEqualTo(count);
        assertThat(total("thirds", true)).isEqualTo(kept);
        assertThat(total("out", false)).isEqualTo(kept);
        // Bytes cross the in-memory channels only in encoded form, which the local runner does not count.
        assertThat(latest.values()).allSatisfy(m -> assertThat(m.busyRatio() + m.idleRatio()
                + m.backPressuredRatio()).isBetween(0.99, 1.01));
    }

    @Test
    void aSlowSinkShowsItsUpstreamAsBackPressured() throws Exception {
        JobGraph graph = new JobGraph("slow-sink",
                List.of(
                        vertex("numbers", 1, new OperatorSpec.GeneratorSource(GeneratorKind.SEQUENCE, -1, 0, 0, null)),
                        vertex("slow", 1, new OperatorSpec.Map(JavaFunctions.of((MapFunction<Long, Long>) x -> {
                            Thread.sleep(1);
                            return x;
                        }))),
                        vertex("out", 1, new OperatorSpec.PrintSink("s"))),
                List.of(new EdgeSpec("numbers", "slow", Partitioning.REBALANCE, null), EdgeSpec.forward("slow", "out")),
                new JobConfig(1, 128));
        LocalJob job = runner.start(graph);
        try {
            // Flink's "high" back-pressure: blocked on output more than half of the time.
            SubtaskMetrics source = await(job, "numbers", m -> m.backPressuredRatio() > 0.5);
            assertThat(source.idleRatio()).isLessThan(0.5);
            SubtaskMetrics sink = await(job, "slow", m -> m.busyRatio() > 0.5);
            assertThat(sink.backPressuredRatio()).isLessThan(0.1);
            assertThat(operator(sink, "slow").recordsInPerSecond()).isPositive().isLessThan(1001);
        } finally {
            job.cancel();
            job.await(Duration.ofSeconds(30));
        }
    }

    private SubtaskMetrics await(LocalJob job, String headVertex, java.util.function.Predicate<SubtaskMetrics> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        SubtaskMetrics last = null;
        while (Instant.now().isBefore(deadline)) {
            last = latest.values().stream()
                    .filter(m -> m.operators().get(0).vertexId().equals(headVertex)).findFirst().orElse(null);
            if (last != null && condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no publication of " + headVertex + " met the condition; last: " + last);
    }

    private long total(String vertex, boolean out) {
        return latest.values().stream().flatMap(m -> m.operators().stream())
                .filter(o -> o.vertexId().equals(vertex))
                .mapToLong(o -> out ? o.recordsOut() : o.recordsIn()).sum();
    }

    private static SubtaskMetrics.OperatorMetrics operator(SubtaskMetrics metrics, String vertex) {
        return metrics.operators().stream().filter(o -> o.vertexId().equals(vertex)).findFirst().orElseThrow();
    }

    private static VertexSpec vertex(String id, int parallelism, OperatorSpec operator) {
        return new VertexSpec(id, id, parallelism, operator);
    }
}
