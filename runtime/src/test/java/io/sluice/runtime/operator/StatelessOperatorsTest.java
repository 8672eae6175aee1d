package io.sluice.runtime.operator;

import static io.sluice.runtime.operator.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.api.function.FilterFunction;
import io.sluice.api.function.FlatMapFunction;
import io.sluice.api.function.MapFunction;
import io.sluice.graph.FunctionSpec;
import io.sluice.graph.OperatorSpec;
import io.sluice.runtime.StreamElement;
import io.sluice.runtime.testing.JavaFunctions;
import io.sluice.runtime.testing.OperatorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatelessOperatorsTest {

    record Order(String customer, long amount) {}

    @Test
    void mapProjectionBuildsANewRowInFieldOrder() throws Exception {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("shout", "#upper(word)");
        fields.put("double", "count * 2");
        try (OperatorHarness h = OperatorHarness.forSpec(new OperatorSpec.Map(new FunctionSpec.Projection(fields)), null)) {
            h.processElement(row("word", "hi", "count", 21L), 7L);

            assertThat(h.outputRecords()).containsExactly(new StreamElement.Record(row("shout", "HI", "double", 42L), 7L));
            assertThat(List.<Object>copyOf(((Map<?, ?>) h.outputValues().get(0)).keySet())).containsExactly("shout", "double");
        }
    }

    @Test
    void mapExpressionReadsJavaRecords() throws Exception {
        try (OperatorHarness h = OperatorHarness.forSpec(new OperatorSpec.Map(new FunctionSpec.Expression("amount + 1")), null)) {
            h.processElement(new Order("ada", 9));
            assertThat(h.outputValues()).containsExactly(10L);
        }
    }

    @Test
    void mapRunsJavaFunctions() throws Exception {
        MapFunction<Order, String> customer = order -> order.customer() + "!";
        try (OperatorHarness h = OperatorHarness.forSpec(new OperatorSpec.Map(JavaFunctions.of(customer)), null)) {
            h.processElement(new Order("ada", 1));
            assertThat(h.outputValues()).containsExactly("ada!");
        }
    }

    @Test
    void filterKeepsMatchingRecordsAndForwardsWatermarks() throws Exception {
        try (OperatorHarness h = OperatorHarness.forSpec(new OperatorSpec.Filter(new FunctionSpec.Expression("count > 1")), null)) {
            h.processElement(row("count", 1));
            h.processElement(row("count", 2));
            h.processWatermark(100);
            h.processElement(row("count", 3));

            assertThat(h.outputValues()).containsExactly(row("count", 2), row("count", 3));
            assertThat(h.watermarks()).containsExactly(100L);
        }
    }

    @Test
    void filterConditionsMustBeBoolean() throws Exception {
        try (OperatorHarness h = OperatorHarness.forSpec(new OperatorSpec.Filter(new FunctionSpec.Expression("count")), null)) {
            assertThatThrownBy(() -> h.processElement(row("count", 1))).hasMessageContaining("not a boolean");
        }
    }

    @Test
    void filterRunsJavaPredicates() throws Exception {
        FilterFunction<Order> big = order -> order.amount() >= 10;
        try (OperatorHarness h = OperatorHarness.forSpec(new OperatorSpec.Filter(JavaFunctions.of(big)), null)) {
            h.processElement(new Order("a", 5));
            h.processElement(new Order("b", 10));
            assertThat(h.outputValues()).containsExactly(new Order("b", 10));
        }
    }

    @Test
    void flatMapExpressionWrapsElementsInRows() throws Exception {
        OperatorSpec spec = new OperatorSpec.FlatMap(new FunctionSpec.Expression("#split(#lower(line), '[^a-z]+')"), "word");
        try (OperatorHarness h = OperatorHarness.forSpec(spec, null)) {
            h.processElement(row("line", "To be, or not"), 3L);
            h.processElement(row("line", "!!!"), 4L);

            assertThat(h.outputRecords()).containsExactly(
                    new StreamElement.Record(row("word", "to"), 3L),
                    new StreamElement.Record(row("word", "be"), 3L),
                    new StreamElement.Record(row("word", "or"), 3L),
                    new StreamElement.Record(row("word", "not"), 3L));
        }
    }

    @Test
    void flatMapPassesRowsThroughAndTreatsScalarsAsOneElement() throws Exception {
        OperatorSpec spec = new OperatorSpec.FlatMap(new FunctionSpec.Expression("kind == 'many' ? {{'a': 1}, 2} : value"), "v");
        try (OperatorHarness h = OperatorHarness.forSpec(spec, null)) {
            h.processElement(row("kind", "many", "value", 0));
            h.processElement(row("kind", "one", "value", 9));
            h.processElement(row("kind", "none", "value", null));

            assertThat(h.outputValues()).containsExactly(row("a", 1), row("v", 2), row("v", 9));
        }
    }

    @Test
    void flatMapRunsJavaFunctions() throws Exception {
        FlatMapFunction<String, String> chars = (text, out) -> text.chars().forEach(c -> out.collect(String.valueOf((char) c)));
        try (OperatorHarness h = OperatorHarness.forSpec(new OperatorSpec.FlatMap(JavaFunctions.of(chars), null), null)) {
            h.processElement("abc");
            assertThat(h.outputValues()).containsExactly("a", "b", "c");
        }
    }

    @Test
    void operatorsChainInTheHarness() throws Exception {
        MapFunction<Object, Object> twice = value -> ((Long) value) * 2;
        FilterFunction<Object> aboveFour = value -> ((Long) value) > 4;
        try (OperatorHarness h = OperatorHarness.chain(
                List.of(new MapOperator(twice), new FilterOperator(aboveFour)), null)) {
            for (long i = 0; i < 5; i++) {
                h.processElement(i, i);
            }
            h.processWatermark(4);
            assertThat(h.outputValues()).containsExactly(6L, 8L);
            assertThat(h.watermarks()).containsExactly(4L);
        }
    }
}
