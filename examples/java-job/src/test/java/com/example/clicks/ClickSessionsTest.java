package com.example.clicks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.graph.FunctionSpec;
import io.sluice.graph.JobGraph;
import io.sluice.graph.VertexSpec;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The job's stateful operators, each run alone in Sluice's operator test harness (no Kafka, no cluster), built
 * from the very graph the job submits. Watermarks are fed by hand: timers fire when the watermark reaches them.
 */
class ClickSessionsTest {

    private final JobGraph graph = ClickSessions.graph(100, "unused");

    @Test
    void aSessionEndsWhenTheWatermarkPassesOneGapAfterItsLastClick() throws Exception {
        try (OperatorHarness sessions = harness(ClickSessions.SESSIONS)) {
            sessions.processElement(new Click("ann", 1_000), 1_000);
            sessions.processElement(new Click("bob", 1_200), 1_200);
            sessions.processElement(new Click("ann", 1_500), 1_500);

            sessions.processWatermark(2_199);
            assertEquals(List.of(), sessions.outputValues(), "bob's gap ends at 2200, ann's at 2500");

            sessions.processWatermark(2_500);
            assertEquals(List.of(new Session("bob", 1_200, 1_200, 1), new Session("ann", 1_000, 1_500, 2)),
                    sessions.outputValues());

            sessions.processElement(new Click("ann", 2_600), 2_600); // 1.1 s after 1500: a new session
            sessions.processElement(new Click("ann", 3_600), 3_600); // exactly one gap later: the same one
            sessions.processWatermark(Long.MAX_VALUE);                // end of input
            assertEquals(new Session("ann", 2_600, 3_600, 2), sessions.outputValues().get(2));
            assertEquals(3, sessions.outputValues().size());
        }
    }

    @Test
    void clicksArrivingOutOfOrderJoinTheirSessionAndAnEndedSessionLeavesNoState() throws Exception {
        try (OperatorHarness sessions = harness(ClickSessions.SESSIONS)) {
            sessions.processElement(new Click("ann", 3_000), 3_000);
            sessions.processElement(new Click("ann", 1_000), 1_000); // late, but not behind the watermark
            sessions.processElement(new Click("ann", 2_000), 2_000);
            sessions.processElement(new Click("ann", 5_000), 5_000);

            sessions.processWatermark(Long.MAX_VALUE);

            assertEquals(List.of(new Session("ann", 1_000, 3_000, 3), new Session("ann", 5_000, 5_000, 1)),
                    sessions.outputValues());
        }
    }

    @Test
    void tumblingWindowCountsClicksPerUserAndFiresWhenTheWatermarkPassesItsEnd() throws Exception {
        try (OperatorHarness window = harness(ClickSessions.WINDOW)) {
            window.processElement(new Click("ann", 1_000), 1_000);
            window.processElement(new Click("bob", 2_000), 2_000);
            window.processElement(new Click("ann", 9_999), 9_999);
            window.processElement(new Click("ann", 10_000), 10_000); // the next window
            assertEquals(List.of(), window.outputValues(), "nothing fires before the watermark passes 9999");

            window.processWatermark(9_999);

            assertEquals(List.of(new WindowCount("ann", 10_000, 2), new WindowCount("bob", 10_000, 1)),
                    window.outputValues().stream()
                            .map(WindowCount.class::cast)
                            .sorted(Comparator.comparing(WindowCount::user))
                            .toList());
        }
    }

    /** The operator of the named vertex, keyed like its input edge. */
    private OperatorHarness harness(String name) throws Exception {
        VertexSpec vertex = graph.vertices().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
        FunctionSpec key = graph.inputsOf(vertex.id()).get(0).key();
        return OperatorHarness.forSpec(vertex.operator(), key);
    }
}
