package io.sluice.runtime.operator;

import static io.sluice.runtime.operator.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.function.KeySelector;
import io.sluice.api.function.ReduceFunction;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.OperatorSpec;
import io.sluice.graph.OperatorSpec.AggregateKind;
import io.sluice.runtime.testing.JavaFunctions;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class KeyedOperatorsTest {

    private static final FunctionSpec BY_KEY = new FunctionSpec.Expression("key");

    record Trade(String key, int qty, double price, String note) {}

    /** A POJO: copies go through the no-arg constructor. */
    static final class Reading {
        String key;
        long value;
        String note;

        Reading() {}

        Reading(String key, long value, String note) {
            this.key = key;
            this.value = value;
            this.note = note;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reading r && key.equals(r.key) && value == r.value && Objects.equals(note, r.note);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, value, note);
        }

        @Override
        public String toString() {
            return "Reading[" + key + "," + value + "," + note + "]";
        }
    }

    private static OperatorHarness aggregate(AggregateKind kind, String field) throws Exception {
        return OperatorHarness.forSpec(new OperatorSpec.Aggregate(kind, field, null), BY_KEY);
    }

    @Test
    void sumUpdatesTheFieldOfTheFirstRecordPerKey() throws Exception {
        try (OperatorHarness h = aggregate(AggregateKind.SUM, "n")) {
            h.processElement(row("key", "a", "n", 1, "tag", "first"));
            h.processElement(row("key", "b", "n", 10, "tag", "other key"));
            h.processElement(row("key", "a", "n", 2, "tag", "second"));
            h.processElement(row("key", "a", "n", 3, "tag", "third"));

            assertThat(h.outputValues()).containsExactly(
                    row("key", "a", "n", 1, "tag", "first"),
                    row("key", "b", "n", 10, "tag", "other key"),
                    row("key", "a", "n", 3, "tag", "first"),
                    row("key", "a", "n", 6, "tag", "first"));
        }
    }

    @Test
    void sumWidensRowNumbersOnlyWhenNeeded() throws Exception {
        try (OperatorHarness h = aggregate(AggregateKind.SUM, "n")) {
            h.processElement(row("key", "int", "n", 1));
            h.processElement(row("key", "int", "n", 2));
            h.processElement(row("key", "overflow", "n", Integer.MAX_VALUE));
            h.processElement(row("key", "overflow", "n", 1));
            h.processElement(row("key", "mixed", "n", 1));
            h.processElement(row("key", "mixed", "n", 2L));
            h.processElement(row("key", "mixed", "n", 0.5));

            List<Object> sums = h.outputValues().stream().map(r -> (Object) ((Map<?, ?>) r).get("n")).toList();
            assertThat(sums).containsExactly(1, 3, Integer.MAX_VALUE, (long) Integer.MAX_VALUE + 1, 1, 3L, 3.5);
        }
    }

    @Test
    void sumKeepsTheDeclaredTypesOfJavaRecords() throws Exception {
        try (OperatorHarness h = aggregate(AggregateKind.SUM, "qty")) {
            h.processElement(new Trade("x", 1, 9.0, "first"));
            h.processElement(new Trade("x", 4, 1.0, "second"));
            assertThat(h.outputValues()).containsExactly(new Trade("x", 1, 9.0, "first"), new Trade("x", 5, 9.0, "first"));
        }
        try (OperatorHarness h = aggregate(AggregateKind.SUM, "price")) {
            h.processElement(new Trade("x", 1, 1.5, "first"));
            h.processElement(new Trade("x", 2, 2.25, "second"));
            assertThat(h.outputValues()).last().isEqualTo(new Trade("x", 1, 3.75, "first"));
        }
    }

    @Test
    void sumCopiesPojos() throws Exception {
        KeySelector<Reading, String> byKey = reading -> reading.key;
        try (OperatorHarness h = OperatorHarness.forSpec(
                new OperatorSpec.Aggregate(AggregateKind.SUM, "value", null), JavaFunctions.of(byKey))) {
            Reading first = new Reading("k", 5, "first");
            h.processElement(first);
            h.processElement(new Reading("k", 7, "second"));

            assertThat(h.outputValues()).containsExactly(new Reading("k", 5, "first"), new Reading("k", 12, "first"));
            assertThat(first.value).as("inputs are not mutated").isEqualTo(5);
        }
    }

    @Test
    void minAndMaxUpdateOnlyTheFieldOfTheFirstRecord() throws Exception {
        try (OperatorHarness h = aggregate(AggregateKind.MIN, "price")) {
            h.processElement(new Trade("x", 1, 5.0, "first"));
            h.processElement(new Trade("x", 2, 3.0, "second"));
            h.processElement(new Trade("x", 3, 4.0, "third"));
            assertThat(h.outputValues()).containsExactly(
                    new Trade("x", 1, 5.0, "first"), new Trade("x", 1, 3.0, "first"), new Trade("x", 1, 3.0, "first"));
        }
        try (OperatorHarness h = aggregate(AggregateKind.MAX, "n")) {
            h.processElement(row("key", "a", "n", 2, "tag", "first"));
            h.processElement(row("key", "a", "n", 7L, "tag", "second"));
            h.processElement(row("key", "a", "n", 5, "tag", "third"));
            assertThat(h.outputValues()).containsExactly(
                    row("key", "a", "n", 2, "tag", "first"),
                    row("key", "a", "n", 7L, "tag", "first"),
                    row("key", "a", "n", 7L, "tag", "first"));
        }
    }

    @Test
    void minByAndMaxByEmitWholeRecordsKeepingTheFirstOnTies() throws Exception {
        try (OperatorHarness h = aggregate(AggregateKind.MIN_BY, "price")) {
            h.processElement(new Trade("x", 1, 5.0, "first"));
            h.processElement(new Trade("x", 2, 3.0, "second"));
            h.processElement(new Trade("x", 3, 3.0, "tie"));
            h.processElement(new Trade("x", 4, 9.0, "bigger"));
            assertThat(h.outputValues()).containsExactly(
                    new Trade("x", 1, 5.0, "first"),
                    new Trade("x", 2, 3.0, "second"),
                    new Trade("x", 2, 3.0, "second"),
                    new Trade("x", 2, 3.0, "second"));
        }
        try (OperatorHarness h = aggregate(AggregateKind.MAX_BY, "n")) {
            h.processElement(row("key", "a", "n", 1, "tag", "first"));
            h.processElement(row("key", "a", "n", 4, "tag", "second"));
            h.processElement(row("key", "a", "n", 4L, "tag", "tie"));
            assertThat(h.outputValues()).containsExactly(
                    row("key", "a", "n", 1, "tag", "first"),
                    row("key", "a", "n", 4, "tag", "second"),
                    row("key", "a", "n", 4, "tag", "second"));
        }
    }

    @Test
    void countEmitsEachRecordWithItsKeysRunningCount() throws Exception {
        try (OperatorHarness h = OperatorHarness.forSpec(
                new OperatorSpec.Aggregate(AggregateKind.COUNT, null, "count"), new FunctionSpec.Expression("word"))) {
            h.processElement(row("word", "a"));
            h.processElement(row("word", "b"));
            h.processElement(row("word", "a"));

            assertThat(h.outputValues()).containsExactly(
                    row("word", "a", "count", 1L), row("word", "b", "count", 1L), row("word", "a", "count", 2L));
            assertThat(h.stateBackend().size("count")).isEqualTo(2);
        }
    }

    @Test
    void aggregatesExplainMissingOrNonNumericFields() throws Exception {
        try (OperatorHarness h = aggregate(AggregateKind.SUM, "n")) {
            h.processElement(row("key", "a", "n", "x"));
            assertThatThrownBy(() -> h.processElement(row("key", "a", "n", 1))).hasMessageContaining("not a number");
            h.processElement(row("key", "b", "n", 1));
            assertThatThrownBy(() -> h.processElement(row("key", "b"))).hasMessageContaining("no field 'n'");
        }
    }

    @Test
    void reduceProjectionSeesTheAccumulator() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "key");
        fields.put("total", "#acc['total'] + total");
        fields.put("last", "total");
        try (OperatorHarness h = OperatorHarness.forSpec(new OperatorSpec.Reduce(new FunctionSpec.Projection(fields)), BY_KEY)) {
            h.processElement(row("key", "a", "total", 1), 10);
            h.processElement(row("key", "b", "total", 5), 11);
            h.processElement(row("key", "a", "total", 2), 12);

            assertThat(h.outputValues()).containsExactly(
                    row("key", "a", "total", 1),
                    row("key", "b", "total", 5),
                    row("key", "a", "total", 3, "last", 2));
            assertThat(h.outputRecords()).extracting(r -> r.timestamp()).containsExactly(10L, 11L, 12L);
        }
    }

    @Test
    void reduceExpressionReturnsTheNewAccumulator() throws Exception {
        try (OperatorHarness h = OperatorHarness.forSpec(
                new OperatorSpec.Reduce(new FunctionSpec.Expression("total > #acc.total ? #root : #acc")), BY_KEY)) {
            h.processElement(row("key", "a", "total", 3));
            h.processElement(row("key", "a", "total", 1));
            h.processElement(row("key", "a", "total", 8));
            assertThat(h.outputValues()).containsExactly(
                    row("key", "a", "total", 3), row("key", "a", "total", 3), row("key", "a", "total", 8));
        }
    }

    @Test
    void reduceRunsJavaFunctionsWithJavaKeySelectors() throws Exception {
        ReduceFunction<Trade> addQty = (acc, t) -> new Trade(acc.key(), acc.qty() + t.qty(), t.price(), acc.note());
        KeySelector<Trade, String> byKey = Trade::key;
        try (OperatorHarness h = OperatorHarness.forSpec(
                new OperatorSpec.Reduce(JavaFunctions.of(addQty)), JavaFunctions.of(byKey))) {
            h.processElement(new Trade("x", 1, 1.0, "n"));
            h.processElement(new Trade("y", 5, 1.0, "n"));
            h.processElement(new Trade("x", 2, 2.0, "n"));
            assertThat(h.outputValues()).containsExactly(
                    new Trade("x", 1, 1.0, "n"), new Trade("y", 5, 1.0, "n"), new Trade("x", 3, 2.0, "n"));
        }
    }

    @Test
    void keyedOperatorsNeedAKey() {
        assertThatThrownBy(() -> OperatorHarness.forSpec(new OperatorSpec.Aggregate(AggregateKind.SUM, "n", null), null))
                .hasMessageContaining("not keyed");
    }
}
