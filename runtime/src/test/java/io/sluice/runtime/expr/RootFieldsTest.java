package io.sluice.runtime.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.graph.json.JobSpecException;
import io.sluice.graph.json.JobSpecParser;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which record fields an expression reads from its root, as the submit-time field check sees them. */
class RootFieldsTest {

    private static Set<String> read(String expression) {
        return ExpressionSandbox.standard().fieldsRead(expression).orElseThrow();
    }

    @ParameterizedTest(name = "{0} reads [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', commentCharacter = ';', value = {
        "amount > 10 && #lower(name) == 'x'   | amount name",
        "#root.amount + #this.tax             | amount tax",
        "customer.address.city                | customer",
        "#acc.count + count                   | count",
        "items.?[price > 10]                  | items",
        "items.![price * 2]                   | items",
        "{total: amount, 'k': 1}              | amount",
        "flag ? left_ : right_                | flag left_ right_",
        "#root                                | \"\"",
        "'amount' + 1                         | \"\"",
        "tags[0]                              | tags",
        "{1, 2, size}                         | size",
    })
    void fieldsReadFromTheRecord(String expression, String fields) {
        Set<String> expected = fields.isBlank() ? Set.of() : Set.of(fields.trim().split(" "));
        assertThat(read(expression.trim())).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void anExpressionThatDoesNotCompileHasNoFieldAnalysis() {
        assertThat(ExpressionSandbox.standard().fieldsRead("T(java.lang.Runtime).getRuntime()")).isEqualTo(Optional.empty());
        assertThat(ExpressionSandbox.standard().fieldsRead("amount >")).isEmpty();
        assertThat(ExpressionSandbox.standard().fieldsRead("items.?[price > 10].size()")).isEmpty();
    }

    @Test
    void theSpecParserRefusesAnUnknownFieldWithItsPathAndTheKnownFields() {
        String spec = """
                {"name": "j", "operators": [
                  {"id": "cars", "type": "generator", "kind": "cars", "count": 10},
                  {"id": "fast", "type": "filter", "input": "cars", "condition": "speed > 50 && #upper(driver) == 'X'"},
                  {"id": "out", "type": "print", "input": "fast"}
                ]}""";

        assertThatThrownBy(() -> JobSpecParser.parse(spec, ExpressionSandbox.standard().checker()))
                .isInstanceOf(JobSpecException.class)
                .satisfies(e -> assertThat(((JobSpecException) e).errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.field()).isEqualTo("$.operators[1].condition");
                            assertThat(error.reason()).isEqualTo(
                                    "unknown field 'driver'; the input's fields are: carId, speed, distance, timestamp");
                        }));
    }
}
