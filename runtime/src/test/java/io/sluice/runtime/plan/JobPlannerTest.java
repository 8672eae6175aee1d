package io.sluice.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.Partitioning;
import io.sluice.graph.VertexSpec;
import io.sluice.protocol.ChainSpec;
import io.sluice.protocol.ExecutionPlan;
import io.sluice.protocol.JobId;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobPlannerTest {

    private static final JobId JOB = new JobId("0123456789abcdef0123456789abcdef");

    @Test
    void chainsForwardEdgesAndGivesOtherEdgesAChannel() {
        JobGraph wordCount = new JobGraph("wc",
                List.of(
                        new VertexSpec("lines", "lines", 2, new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.TEXT_LINES, 10, 0, 1, "line")),
                        new VertexSpec("words", "words", 2, new OperatorSpec.FlatMap(new FunctionSpec.Expression("#split(line, ' ')"), "word")),
                        new VertexSpec("counts", "counts", 2, new OperatorSpec.Aggregate(OperatorSpec.AggregateKind.COUNT, null, "count")),
                        new VertexSpec("out", "out", 1, new OperatorSpec.PrintSink(null))),
                List.of(EdgeSpec.forward("lines", "words"),
                        new EdgeSpec("words", "counts", Partitioning.HASH, new FunctionSpec.Expression("word")),
                        new EdgeSpec("counts", "out", Partitioning.REBALANCE, null)),
                new JobConfig(2, 128));

        ExecutionPlan plan = JobPlanner.plan(JOB, wordCount);

        assertThat(plan.chains()).containsExactly(
                new ChainSpec("lines", List.of("lines", "words"), 2),
                new ChainSpec("counts", List.of("counts"), 2),
                new ChainSpec("out", List.of("out"), 1));
        assertThat(plan.channels()).extracting(c -> c.topic() + " " + c.upstreamParallelism() + "x" + c.downstreamParallelism())
                .containsExactly("sluice." + JOB + ".words-counts 2x2", "sluice." + JOB + ".counts-out 2x1");
        assertThat(plan.taskCount()).isEqualTo(5);
    }
}
