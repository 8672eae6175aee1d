package io.sluice.runtime.operator;

import static io.sluice.runtime.operator.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.OperatorSpec;
import io.sluice.runtime.testing.OperatorHarness;
import org.junit.jupiter.api.Test;

class PrintSinkOperatorTest {

    @Test
    void printsOneLinePerRecordWithThePrefix() throws Exception {
        try (OperatorHarness h = OperatorHarness.forSpec(new OperatorSpec.PrintSink("counts"), null)) {
            h.processElement(row("word", "a", "count", 1L));
            h.processElement("plain");
            h.finish();

            assertThat(h.printedLines()).containsExactly("counts> {word=a, count=1}", "counts> plain");
            assertThat(h.outputValues()).isEmpty();
        }
    }

    @Test
    void prefixesFollowFlinksFormat() {
        assertThat(PrintSinkOperator.linePrefix("", 0, 1)).isEmpty();
        assertThat(PrintSinkOperator.linePrefix("", 2, 4)).isEqualTo("3> ");
        assertThat(PrintSinkOperator.linePrefix("out", 0, 1)).isEqualTo("out> ");
        assertThat(PrintSinkOperator.linePrefix("out", 1, 2)).isEqualTo("out:2> ");
    }
}
