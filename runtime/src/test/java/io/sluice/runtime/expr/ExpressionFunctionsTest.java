package io.sluice.runtime.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionFunctionsTest {

    @Test
    void exposesExactlyTheAllowList() {
        assertThat(ExpressionFunctions.all().keySet()).containsExactlyInAnyOrder(
                "split", "lower", "upper", "trim", "length", "substring", "concat", "contains", "startsWith", "abs",
                "round", "floor", "ceil", "min", "max", "toLong", "toDouble", "toString", "coalesce");
    }

    @Test
    void splitDropsEmptyStrings() {
        assertThat(ExpressionFunctions.split(",a,,b,", ",")).containsExactly("a", "b");
        assertThat(ExpressionFunctions.split(null, ",")).isEmpty();
    }

    @Test
    void splitGivesUpOnCatastrophicBacktracking() {
        String text = "a".repeat(20) + "!";
        assertThatThrownBy(() -> ExpressionFunctions.split(text, "(.*a){20}"))
                .hasMessageContaining("too expensive");
    }

    @Test
    void substringClampsIndices() {
        assertThat(ExpressionFunctions.substring("stream", 2, 100)).isEqualTo("ream");
        assertThat(ExpressionFunctions.substring("stream", 4, 1)).isEmpty();
        assertThat(ExpressionFunctions.substring("stream", -3, 3)).isEqualTo("str");
    }

    @Test
    void numbersKeepOrChangeTypeAsDocumented() {
        assertThat(ExpressionFunctions.abs(-3)).isEqualTo(3);
        assertThat(ExpressionFunctions.abs(-3L)).isEqualTo(3L);
        assertThat(ExpressionFunctions.abs(-1.5)).isEqualTo(1.5);
        assertThat(ExpressionFunctions.floor(-1.5)).isEqualTo(-2L);
        assertThat(ExpressionFunctions.ceil(1.2)).isEqualTo(2L);
        assertThat(ExpressionFunctions.round(7)).isEqualTo(7L);
        assertThat(ExpressionFunctions.min(2, 3L)).isEqualTo(2);
        assertThat(ExpressionFunctions.max("b", "a")).isEqualTo("b");
        assertThat(ExpressionFunctions.max(null, 1)).isEqualTo(1);
        assertThat(ExpressionFunctions.toDouble("2.5")).isEqualTo(2.5);
        assertThat(ExpressionFunctions.toLong("3.9")).isEqualTo(3L);
    }

    @Test
    void containsWorksOnTextCollectionsAndMaps() {
        assertThat(ExpressionFunctions.contains("stream", "ea")).isTrue();
        assertThat(ExpressionFunctions.contains(List.of(1, 2), 2)).isTrue();
        assertThat(ExpressionFunctions.contains(Map.of("k", 1), "k")).isTrue();
        assertThat(ExpressionFunctions.contains(null, "k")).isFalse();
        assertThat(ExpressionFunctions.startsWith("stream", "str")).isTrue();
    }
}
