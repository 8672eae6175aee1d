package io.sluice.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.Partitioning;
import io.sluice.protocol.ChannelSpec;
import io.sluice.runtime.state.KeyGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelSelectorTest {

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
        ChannelSelector selector = ChannelSelector.of(channel(Partitioning.REBALANCE, null, 4, 3), 2, 128, null);
        assertThat(select(selector, List.of(1, 2, 3, 4, 5))).containsExactly(2, 0, 1, 2, 0);
    }

    @Test
    void forwardKeepsTheSubtaskIndexAndNeedsEqualParallelism() throws Exception {
        assertThat(ChannelSelector.of(channel(Partitioning.FORWARD, null, 3, 3), 1, 128, null).select("x")).isEqualTo(1);
        assertThatThrownBy(() -> ChannelSelector.of(channel(Partitioning.FORWARD, null, 3, 2), 1, 128, null))
                .hasMessageContaining("joins parallelism 3 to 2");
    }

    @Test
    void broadcastSelectsAll() throws Exception {
        assertThat(ChannelSelector.of(channel(Partitioning.BROADCAST, null, 1, 3), 0, 128, null).select("x"))
                .isEqualTo(ChannelSelector.ALL);
    }

    @Test
    void hashRoutesByTheKeyGroupOfTheEdgeKey() throws Exception {
        ChannelSelector selector = ChannelSelector.of(
                channel(Partitioning.HASH, new FunctionSpec.Expression("word"), 2, 3), 0, 128, getClass().getClassLoader());
        for (String word : List.of("the", "stream", "river", "a", "sluice")) {
            int expected = KeyGroups.subtaskFor(KeyGroups.keyGroupFor(word, 128), 128, 3);
            assertThat(selector.select(Map.of("word", word, "n", 1))).isEqualTo(expected);
        }
    }
}
