package io.sluice.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.windowing.TimeWindow;
import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobConfig;
import io.sluice.graph.JobGraph;
import io.sluice.graph.Partitioning;
import io.sluice.graph.json.JobSpecParser;
import io.sluice.protocol.ChannelSpec;
import io.sluice.runtime.expr.ExpressionSandbox;
import io.sluice.runtime.state.KeyGroups;
import io.sluice.runtime.window.WindowPartial;
import io.sluice.runtime.window.WindowPreAggregation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelSelectorTest {

    /** The channels' edges are not in it: no pre-aggregation, maxParallelism 128. */
    private static final JobGraph NO_GRAPH = new JobGraph("t", List.of(), List.of(), new JobConfig(1, 128));

    private static ChannelSpec channel(Partitioning partitioning, FunctionSpec key, int upstream, int downstream) {
        return new ChannelSpec("t", new EdgeSpec("a", "b", partitioning, key), "a", "b", upstream, downstream);
    }

    private static List<Integer> select(ChannelSelector selector, List<?> records) throws Exception {
        List<Integer> selected = new ArrayList<>();
        for (Object record : records) {
            selected.add(selector.select(record));
        }
        return selected;
    }

    @Test
    void rebalanceIsRoundRobinFromTheOwnSubtaskIndex() throws Exception {
        ChannelSelector selector = ChannelSelector.of(NO_GRAPH, channel(Partitioning.REBALANCE, null, 4, 3), 2, null);
        assertThat(select(selector, List.of(1, 2, 3, 4, 5))).containsExactly(2, 0, 1, 2, 0);
    }

    @Test
    void forwardKeepsTheSubtaskIndexAndNeedsEqualParallelism() throws Exception {
        assertThat(ChannelSelector.of(NO_GRAPH, channel(Partitioning.FORWARD, null, 3, 3), 1, null).select("x")).isEqualTo(1);
        assertThatThrownBy(() -> ChannelSelector.of(NO_GRAPH, channel(Partitioning.FORWARD, null, 3, 2), 1, null))
                .hasMessageContaining("joins parallelism 3 to 2");
    }

    @Test
    void broadcastSelectsAll() throws Exception {
        assertThat(ChannelSelector.of(NO_GRAPH, channel(Partitioning.BROADCAST, null, 1, 3), 0, null).select("x"))
                .isEqualTo(ChannelSelector.ALL);
    }

    @Test
    void hashRoutesByTheKeyGroupOfTheEdgeKey() throws Exception {
        ChannelSelector selector = ChannelSelector.of(NO_GRAPH,
                channel(Partitioning.HASH, new FunctionSpec.Expression("word"), 2, 3), 0, getClass().getClassLoader());
        for (String word : List.of("the", "stream", "river", "a", "sluice")) {
            int expected = KeyGroups.subtaskFor(KeyGroups.keyGroupFor(word, 128), 128, 3);
            assertThat(selector.select(Map.of("word", word, "n", 1))).isEqualTo(expected);
        }
    }

    /** A pre-aggregated window edge carries partials: routed by the key they carry, as their elements would be. */
    @Test
    void hashRoutesWindowPartialsByTheirKey() throws Exception {
        JobGraph graph = JobSpecParser.parse("""
                {"name": "t", "operators": [
                  {"id": "src", "type": "kafka-source", "topic": "in"},
                  {"id": "win", "type": "window", "input": "src", "key-by": "word",
                   "window": {"kind": "tumbling", "size": "10s"}, "aggregate": {"function": "count"}}]}
                """, ExpressionSandbox.standard()::check);
        EdgeSpec edge = graph.outputsOf("src").get(0);
        System.setProperty(WindowPreAggregation.ENABLED, "true");
        try {
            ChannelSelector selector = ChannelSelector.of(graph, new ChannelSpec("t", edge, "src", "win", 2, 3), 0,
                    getClass().getClassLoader());
            for (String word : List.of("the", "stream", "river", "a", "sluice")) {
                int expected = KeyGroups.subtaskFor(KeyGroups.keyGroupFor(word, 128), 128, 3);
                assertThat(selector.select(new WindowPartial(word, new TimeWindow(0, 10_000), new Object[] {1L})))
                        .isEqualTo(expected);
            }
        } finally {
            System.clearProperty(WindowPreAggregation.ENABLED);
        }
    }
}
