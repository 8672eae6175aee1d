package io.sluice.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureDescriptionTest {

    @Test
    void names_the_root_cause_first_and_the_outer_exception_last() {
        Exception root = new ArithmeticException("/ by zero");
        Exception outer = new RuntimeException("operator 'avg' failed", new IllegalStateException("middle", root));

        String text = FailureDescription.of(outer);

        assertThat(text).startsWith("java.lang.ArithmeticException: / by zero\n\tat ");
        assertThat(text).endsWith("wrapped in: java.lang.RuntimeException: operator 'avg' failed");
    }

    @Test
    void keeps_only_the_top_of_a_deep_stack() {
        Exception deep = new IllegalStateException("deep");
        StackTraceElement frame = new StackTraceElement("a.B", "c", "B.java", 1);
        deep.setStackTrace(java.util.Collections.nCopies(100, frame).toArray(StackTraceElement[]::new));

        String text = FailureDescription.of(deep);

        assertThat(text.lines().filter(line -> line.startsWith("\tat "))).hasSize(FailureDescription.MAX_FRAMES);
        assertThat(text).endsWith("\t... " + (100 - FailureDescription.MAX_FRAMES) + " more");
    }

    @Test
    void survives_a_cause_cycle() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b", a);
        a.initCause(b);

        assertThat(FailureDescription.of(a))
                .satisfiesAnyOf(
                        text -> assertThat(text).startsWith("java.lang.IllegalStateException: a"),
                        text -> assertThat(text).startsWith("java.lang.IllegalArgumentException: b"));
    }
}
