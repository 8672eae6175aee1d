package io.sluice.graph.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Expressions reading fields their input does not have are refused where the input's fields are known. */
class FieldReferenceCheckTest {

    /**
     * Accepts every expression; reads as fields the bare identifiers (not after '#' or '.', not calls, not in
     * quotes): enough for the simple expressions below. The real analysis is the SpEL sandbox's (runtime).
     */
    private static final ExpressionChecker CHECKER = new ExpressionChecker() {
        private final Pattern identifier = Pattern.compile("'[^']*'|(?<![#.\\w])([a-zA-Z_]\\w*)(?!\\s*\\()");

        @Override
        public Optional<String> check(String expression) {
            return Optional.empty();
        }

        @Override
        public Optional<Set<String>> fieldsRead(String expression) {
            Set<String> fields = new LinkedHashSet<>();
            Matcher m = identifier.matcher(expression);
            while (m.find()) {
                if (m.group(1) != null && !Set.of("true", "false", "null").contains(m.group(1))) {
                    fields.add(m.group(1));
                }
            }
            return Optional.of(fields);
        }
    };

    private static String job(String... operators) {
        return "{\"name\": \"j\", \"operators\": [" + String.join(",", operators) + "]}";
    }

    private static List<SpecError> errors(String json) {
        try {
            JobSpecParser.parse(json, CHECKER);
            return List.of();
        } catch (JobSpecException e) {
            return e.errors();
        }
    }

    private static final String SEQUENCE = "{\"id\": \"in\", \"type\": \"generator\", \"kind\": \"sequence\", \"count\": 5}";
    private static final String PRINT_F = "{\"id\": \"out\", \"type\": \"print\", \"input\": \"f\"}";

    @Test
    void aFilterAfterAGeneratorMayReadOnlyItsField() {
        assertThat(errors(job(SEQUENCE,
                "{\"id\": \"f\", \"type\": \"filter\", \"input\": \"in\", \"condition\": \"value > 2\"}", PRINT_F)))
                .isEmpty();

        assertThat(errors(job(SEQUENCE,
                "{\"id\": \"f\", \"type\": \"filter\", \"input\": \"in\", \"condition\": \"value > 2 && amount < 3\"}",
                PRINT_F)))
                .containsExactly(new SpecError("$.operators[1].condition",
                        "unknown field 'amount'; the input's fields are: value"));
    }

    @Test
    void aProjectionNamesTheFieldsDownstreamAndIsCheckedFieldByField() {
        String projection = "{\"id\": \"p\", \"type\": \"map\", \"input\": \"in\", "
                + "\"fields\": {\"n\": \"value\", \"twice\": \"value * 2\", \"bad\": \"valu + 1\"}}";
        String filter = "{\"id\": \"f\", \"type\": \"filter\", \"input\": \"p\", \"condition\": \"twice > n && value > 0\"}";

        assertThat(errors(job(SEQUENCE, projection, filter, PRINT_F))).containsExactly(
                new SpecError("$.operators[1].fields.bad", "unknown field 'valu'; the input's fields are: value"),
                new SpecError("$.operators[2].condition",
                        "unknown field 'value'; the input's fields are: n, twice, bad"));
    }

    @Test
    void fieldsPassThroughFiltersAndNestedWatermarksToKeysAggregatesAndMaps() {
        String cars = "{\"id\": \"in\", \"type\": \"generator\", \"kind\": \"cars\", \"count\": 5,"
                + " \"watermarks\": {\"timestamp\": \"timestamp\"}}";
        String fast = "{\"id\": \"fast\", \"type\": \"filter\", \"input\": \"in\", \"condition\": \"speed > 50\"}";
        String sum = "{\"id\": \"s\", \"type\": \"sum\", \"input\": \"fast\", \"key-by\": \"carid\", \"field\": \"distanse\"}";
        String out = "{\"id\": \"out\", \"type\": \"print\", \"input\": \"s\"}";

        assertThat(errors(job(cars, fast, sum, out))).containsExactlyInAnyOrder(
                new SpecError("$.operators[2].key-by",
                        "unknown field 'carid'; the input's fields are: carId, speed, distance, timestamp"),
                new SpecError("$.operators[2].field",
                        "unknown field 'distanse'; the input's fields are: carId, speed, distance, timestamp"));
    }

    @Test
    void unknownFieldsAreAcceptedWhereTheInputsFieldsAreUnknown() {
        String json = "{\"id\": \"in\", \"type\": \"kafka-source\", \"topic\": \"orders\"}";
        String map = "{\"id\": \"m\", \"type\": \"map\", \"input\": \"in\", \"expression\": \"{a: amount * 2}\"}";
        String filter = "{\"id\": \"f\", \"type\": \"filter\", \"input\": \"m\", \"condition\": \"anything > 1\"}";

        assertThat(errors(job(json, map, filter, PRINT_F))).isEmpty();
    }

    @Test
    void aStringKafkaSourceHasTheFieldValue() {
        String strings = "{\"id\": \"in\", \"type\": \"kafka-source\", \"topic\": \"t\", \"format\": \"string\"}";
        String filter = "{\"id\": \"f\", \"type\": \"filter\", \"input\": \"in\", \"condition\": \"line != ''\"}";

        assertThatThrownBy(() -> JobSpecParser.parse(job(strings, filter, PRINT_F), CHECKER))
                .isInstanceOf(JobSpecException.class)
                .hasMessageContaining("$.operators[1].condition: unknown field 'line'; the input's fields are: value");
    }

    @Test
    void aUnionKnowsTheFieldsOfAllItsInputs() {
        String a = "{\"id\": \"a\", \"type\": \"generator\", \"kind\": \"sequence\", \"count\": 5, \"field\": \"x\"}";
        String b = "{\"id\": \"b\", \"type\": \"generator\", \"kind\": \"sequence\", \"count\": 5, \"field\": \"y\"}";
        String union = "{\"id\": \"u\", \"type\": \"union\", \"inputs\": [\"a\", \"b\"]}";
        String filter = "{\"id\": \"f\", \"type\": \"filter\", \"input\": \"u\", \"condition\": \"x > 1 || y > 1 || z\"}";

        assertThat(errors(job(a, b, union, filter, PRINT_F))).containsExactly(
                new SpecError("$.operators[3].condition", "unknown field 'z'; the input's fields are: x, y"));
    }
}
