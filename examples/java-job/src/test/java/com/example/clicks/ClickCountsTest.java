package com.example.clicks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobGraph;
import io.sluice.graph.VertexSpec;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The job's stateful operators, each run alone in Sluice's operator test harness (no Kafka, no cluster), built
 * from the very graph the job submits.
 */
class ClickCountsTest {

    private final JobGraph graph = ClickCounts.graph(100, "unused");

    @Test
    void windowCountsClicksPerUserAndFiresWhenTheWatermarkPassesItsEnd() throws Exception {
        try (OperatorHarness window = harness(ClickCounts.WINDOW)) {
            window.processElement(new Click("ann", 1_000), 1_000);
            window.processElement(new Click("bob", 2_000), 2_000);
            window.processElement(new Click("ann", 9_999), 9_999);
            window.processElement(new Click("ann", 10_000), 10_000); // the next window
            assertEquals(List.of(), window.outputValues(), "nothing fires before the watermark passes 9999");

            window.processWatermark(9_999);

            assertEquals(List.of(new WindowCount("ann", 10_000, 2, 2), new WindowCount("bob", 10_000, 1, 1)),
                    sortedByUser(window.outputValues()));
        }
    }

    @Test
    void runningTotalIsKeptPerUserInKeyedState() throws Exception {
        try (OperatorHarness total = harness(ClickCounts.TOTAL)) {
            total.processElement(new WindowCount("ann", 10_000, 2, 2));
            total.processElement(new WindowCount("bob", 10_000, 1, 1));
            total.processElement(new WindowCount("ann", 20_000, 5, 5));

            assertEquals(List.of(
                    new WindowCount("ann", 10_000, 2, 2),
                    new WindowCount("bob", 10_000, 1, 1),
                    new WindowCount("ann", 20_000, 5, 7)), total.outputValues());
        }
    }

    /** The operator of the named vertex, keyed like its input edge. */
    private OperatorHarness harness(String name) throws Exception {
        VertexSpec vertex = graph.vertices().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
        FunctionSpec key = graph.inputsOf(vertex.id()).get(0).key();
        return OperatorHarness.forSpec(vertex.operator(), key);
    }

    private static List<Object> sortedByUser(List<Object> counts) {
        return counts.stream().sorted((a, b) -> ((WindowCount) a).user().compareTo(((WindowCount) b).user())).toList();
    }
}
