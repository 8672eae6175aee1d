package io.sluice.graph.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.graph.ErrorPolicy;
import io.sluice.graph.JobGraph;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorPolicySpecTest {

    private static final ExpressionChecker ANY = source -> Optional.empty();

    private static String spec(String errorPolicy) {
        return """
                {"name": "p", %s "operators": [
                  {"id": "lines", "type": "generator", "kind": "sequence", "count": 10},
                  {"id": "out", "type": "print", "input": "lines"}
                ]}""".formatted(errorPolicy == null ? "" : "\"error-policy\": " + errorPolicy + ",");
    }

    @Test
    void failIsTheDefault() {
        assertThat(JobSpecParser.parse(spec(null), ANY).config().errorPolicy()).isEqualTo(ErrorPolicy.FAIL);
    }

    @Test
    void readsEachMode() {
        assertThat(JobSpecParser.parse(spec("{\"mode\": \"skip\"}"), ANY).config().errorPolicy())
                .isEqualTo(new ErrorPolicy(ErrorPolicy.Mode.SKIP, null));
        JobGraph graph = JobSpecParser.parse(spec("{\"mode\": \"dead-letter\", \"dead-letter-topic\": \"bad.orders\"}"), ANY);
        assertThat(graph.config().errorPolicy()).isEqualTo(new ErrorPolicy(ErrorPolicy.Mode.DEAD_LETTER, "bad.orders"));
    }

    @Test
    void problemsAreReportedAtTheirPaths() {
        assertErrors("{\"mode\": \"dead-letter\"}", "$.error-policy.dead-letter-topic: is required for mode dead-letter");
        assertErrors("{\"mode\": \"skip\", \"dead-letter-topic\": \"x\"}",
                "$.error-policy.dead-letter-topic: is only for mode dead-letter");
        assertErrors("{\"mode\": \"dead-letter\", \"dead-letter-topic\": \"a b\"}",
                "$.error-policy.dead-letter-topic: is not a valid Kafka topic name");
        assertErrors("{\"mode\": \"ignore\"}", "$.error-policy.mode: unknown value 'ignore'");
        assertErrors("{\"mode\": \"skip\", \"retries\": 3}", "$.error-policy.retries: unknown field");
        assertErrors("\"skip\"", "$.error-policy: ");
    }

    private static void assertErrors(String policy, String expected) {
        assertThatThrownBy(() -> JobSpecParser.parse(spec(policy), ANY))
                .isInstanceOfSatisfying(JobSpecException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> assertThat(error.toString()).startsWith(expected)));
    }
}
