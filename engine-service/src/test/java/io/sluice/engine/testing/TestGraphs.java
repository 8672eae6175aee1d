package io.sluice.engine.testing;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.Partitioning;
import io.sluice.graph.VertexSpec;
import java.util.List;

/** Small job graphs for tests. */
public final class TestGraphs {

    private TestGraphs() {}

    /**
     * A generator and a print sink, both with the given parallelism, joined by a rebalance edge: two chains
     * ("gen" and "print"), {@code 2 × parallelism} tasks, one channel topic with {@code parallelism²} partitions.
     */
    public static JobGraph twoStage(int parallelism) {
        VertexSpec gen = new VertexSpec("gen", "gen", parallelism,
                new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.SEQUENCE, 100, 0, 0, "value"));
        VertexSpec print = new VertexSpec("print", "print", parallelism, new OperatorSpec.PrintSink(""));
        return new JobGraph("two-stage", List.of(gen, print),
                List.of(new EdgeSpec("gen", "print", Partitioning.REBALANCE, null)),
                new JobConfig(parallelism, JobConfig.DEFAULT_MAX_PARALLELISM));
    }

    /** A single chain of {@code parallelism} tasks: generator → print on a forward edge. */
    public static JobGraph oneChain(int parallelism) {
        VertexSpec gen = new VertexSpec("gen", "gen", parallelism,
                new OperatorSpec.GeneratorSource(OperatorSpec.GeneratorKind.SEQUENCE, 100, 0, 0, "value"));
        VertexSpec print = new VertexSpec("print", "print", parallelism, new OperatorSpec.PrintSink(""));
        return new JobGraph("one-chain", List.of(gen, print), List.of(EdgeSpec.forward("gen", "print")),
                new JobConfig(parallelism, JobConfig.DEFAULT_MAX_PARALLELISM));
    }
}
