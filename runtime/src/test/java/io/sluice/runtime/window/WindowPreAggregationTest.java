package io.sluice.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.EdgeSpec;
import io.sluice.graph.JobGraph;
import io.sluice.graph.json.JobSpecParser;
import io.sluice.runtime.expr.ExpressionSandbox;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which window edges are pre-aggregated: only where the results cannot change (end-to-end equality with and without
 * pre-aggregation is {@link EventTimeWindowReferenceTest}'s).
 */
class WindowPreAggregationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tumbling count                  | "window": {"kind": "tumbling", "size": "10s"}, "aggregate": {"function": "count"} | true
            sliding sum                     | "window": {"kind": "sliding", "size": "30s", "slide": "10s"}, "aggregate": {"function": "sum", "field": "v"} | true
            reduce                          | "window": {"kind": "tumbling", "size": "10s"}, "reduce": {"fields": {"key": "key", "v": "v + #acc.v"}} | true
            explicit event-time trigger     | "window": {"kind": "tumbling", "size": "10s"}, "trigger": {"kind": "event-time"}, "aggregate": {"function": "max", "field": "v"} | true
            session windows merge           | "window": {"kind": "session", "gap": "3s"}, "aggregate": {"function": "count"} | false
            processing time                 | "window": {"kind": "tumbling", "size": "10s", "time": "processing"}, "aggregate": {"function": "count"} | false
            count trigger sees elements     | "window": {"kind": "tumbling", "size": "10s"}, "trigger": {"kind": "count", "count": 5}, "aggregate": {"function": "count"} | false
            allowed lateness refires        | "window": {"kind": "tumbling", "size": "10s"}, "allowed-lateness": "5s", "aggregate": {"function": "count"} | false
            late output needs the records   | "window": {"kind": "tumbling", "size": "10s"}, "late-output-topic": "late", "aggregate": {"function": "count"} | false
            evictor needs the elements      | "window": {"kind": "tumbling", "size": "10s"}, "evictor": {"kind": "count", "count": 2}, "aggregate": {"function": "count"} | false
            """)
    void appliesOnlyWhereTheResultsCannotChange(String name, String window, boolean applies) {
        JobGraph graph = graph("""
                {"id": "src", "type": "kafka-source", "topic": "in"},
                {"id": "win", "type": "window", "input": "src", "key-by": "key", %s}
                """.formatted(window));
        EdgeSpec edge = graph.outputsOf("src").get(0);
        assertThat(WindowPreAggregation.eligible(graph, edge)).isEqualTo(applies);
    }

    /** The pre-aggregator ends the upstream chain, so its vertex must feed nothing else. */
    @org.junit.jupiter.api.Test
    void notWhenTheUpstreamFeedsAnotherOperatorToo() {
        JobGraph graph = graph("""
                {"id": "src", "type": "kafka-source", "topic": "in"},
                {"id": "win", "type": "window", "input": "src", "key-by": "key",
                 "window": {"kind": "tumbling", "size": "10s"}, "aggregate": {"function": "count"}},
                {"id": "raw", "type": "print", "input": "src"}
                """);
        assertThat(graph.outputsOf("src")).allSatisfy(edge ->
                assertThat(WindowPreAggregation.eligible(graph, edge)).isFalse());
    }

    /** Off by default (docs/benchmarks.md, session 4): then no edge carries partials. */
    @org.junit.jupiter.api.Test
    void onUnlessDisabled() {
        JobGraph graph = graph("""
                {"id": "src", "type": "kafka-source", "topic": "in"},
                {"id": "win", "type": "window", "input": "src", "key-by": "key",
                 "window": {"kind": "tumbling", "size": "10s"}, "aggregate": {"function": "count"}}
                """);
        EdgeSpec edge = graph.outputsOf("src").get(0);
        String before = System.getProperty(WindowPreAggregation.ENABLED);
        try {
            System.clearProperty(WindowPreAggregation.ENABLED);
            assertThat(WindowPreAggregation.appliesTo(graph, edge)).isTrue();
            assertThat(WindowPreAggregation.outputOf(graph, "src")).contains(edge);
            System.setProperty(WindowPreAggregation.ENABLED, "false");
            assertThat(WindowPreAggregation.appliesTo(graph, edge)).isFalse();
            assertThat(WindowPreAggregation.outputOf(graph, "src")).isEmpty();
            System.setProperty(WindowPreAggregation.ENABLED, "true");
            assertThat(WindowPreAggregation.appliesTo(graph, edge)).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(WindowPreAggregation.ENABLED);
            } else {
                System.setProperty(WindowPreAggregation.ENABLED, before);
            }
        }
    }

    private static JobGraph graph(String operators) {
        return JobSpecParser.parse("{\"name\": \"t\", \"operators\": [" + operators + "]}",
                ExpressionSandbox.standard()::check);
    }
}
