package io.sluice.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.OperatorSpec.AggregateKind;
import io.sluice.graph.OperatorSpec.GeneratorKind;
import io.sluice.graph.json.SpecError;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobGraphValidatorTest {

    private static final OperatorSpec SOURCE = new OperatorSpec.GeneratorSource(GeneratorKind.SEQUENCE, 10, 0, 0, null);
    private static final OperatorSpec MAP = new OperatorSpec.Map(new FunctionSpec.Expression("value"));
    private static final OperatorSpec SUM = new OperatorSpec.Aggregate(AggregateKind.SUM, "n", null);
    private static final FunctionSpec KEY = new FunctionSpec.Expression("n");

    @Test
    void acceptsAValidGraph() {
        JobGraph graph = graph(
                List.of(vertex("src", 1, SOURCE), vertex("m", 2, MAP), vertex("s", 2, SUM)),
                List.of(new EdgeSpec("src", "m", Partitioning.REBALANCE, null),
                        new EdgeSpec("m", "s", Partitioning.HASH, KEY)));

        assertThat(JobGraphValidator.validate(graph)).isEmpty();
    }

    @Test
    void reportsVertexProblems() {
        JobGraph graph = new JobGraph("job",
                List.of(vertex("src", 1, SOURCE), vertex("src", 1, MAP), vertex("bad id", 1, MAP),
                        vertex("wide", 9, MAP)),
                List.of(EdgeSpec.forward("src", "bad id"), new EdgeSpec("src", "wide", Partitioning.REBALANCE, null)),
                new JobConfig(1, 8));

        assertThat(JobGraphValidator.validate(graph)).containsExactly(
                new SpecError("vertex[src].id", "duplicate id 'src' (also at vertex[src].id)"),
                new SpecError("vertex[bad id].id", "must match [A-Za-z0-9_-]{1,64}, got 'bad id'"),
                new SpecError("vertex[wide].parallelism", "must be between 1 and 8 (max-parallelism), got 9"));
    }

    @Test
    void checksOnlyWhatDoesNotDependOnADuplicatedId() {
        JobGraph graph = graph(
                List.of(vertex("a", 1, SOURCE), vertex("a", 1, SUM), vertex("b", 1, MAP)),
                List.of(EdgeSpec.forward("a", "a"), EdgeSpec.forward("a", "b"), EdgeSpec.forward("gone", "a"),
                        new EdgeSpec("b", "a", Partitioning.HASH, null)));

        assertThat(JobGraphValidator.validate(graph)).containsExactly(
                new SpecError("vertex[a].id", "duplicate id 'a' (also at vertex[a].id)"),
                new SpecError("edge[gone->a].source", "unknown operator id 'gone'"),
                new SpecError("edge[b->a].key", "is required for hash partitioning"));
    }

    @Test
    void reportsEdgeProblems() {
        JobGraph graph = graph(
                List.of(vertex("src", 1, SOURCE), vertex("m", 2, MAP), vertex("s", 2, SUM), vertex("h", 2, MAP)),
                List.of(EdgeSpec.forward("src", "m"),
                        EdgeSpec.forward("m", "s"),
                        new EdgeSpec("m", "h", Partitioning.HASH, null),
                        EdgeSpec.forward("ghost", "h"),
                        EdgeSpec.forward("m", "src")));

        assertThat(JobGraphValidator.validate(graph)).containsExactly(
                new SpecError("edge[src->m].partitioning",
                        "forward needs equal parallelism, but 'src' has 1 and 'm' has 2"),
                new SpecError("edge[m->s].key", "is required: a keyed operator (sum) needs a hash-partitioned input"),
                new SpecError("edge[m->h].key", "is required for hash partitioning"),
                new SpecError("edge[ghost->h].source", "unknown operator id 'ghost'"),
                new SpecError("edge[m->src].partitioning",
                        "forward needs equal parallelism, but 'm' has 2 and 'src' has 1"),
                new SpecError("vertex[src].inputs", "a source (generator) takes no input"),
                new SpecError("job.vertices", "the graph must be acyclic; these operators form a cycle: [src, m]"));
    }

    @Test
    void reportsJobSettings() {
        JobGraph graph = new JobGraph("job", List.of(), List.of(), new JobConfig(0, 0));

        assertThat(JobGraphValidator.validate(graph)).containsExactly(
                new SpecError("job.maxParallelism", "must be between 1 and 32768, got 0"),
                new SpecError("job.parallelism", "must be between 1 and 32768 (max-parallelism), got 0"),
                new SpecError("job.vertices", "a job needs at least one operator"));
    }

    private static JobGraph graph(List<VertexSpec> vertices, List<EdgeSpec> edges) {
        return new JobGraph("job", vertices, edges, JobConfig.defaults());
    }

    private static VertexSpec vertex(String id, int parallelism, OperatorSpec operator) {
        return new VertexSpec(id, id, parallelism, operator);
    }
}
