package io.sluice.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.graph.ErrorPolicy;
import io.sluice.runtime.expr.ExpressionException;
import io.sluice.runtime.expr.ExpressionSandbox;
import io.sluice.runtime.io.DeadLetter;
import io.sluice.runtime.io.DeadLetterSink;
import io.sluice.runtime.io.RecordOrigin;
import io.sluice.runtime.record.BadRecordException;
import io.sluice.runtime.record.Fields;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordErrorsTest {

    private final List<DeadLetter> letters = new ArrayList<>();
    private final DeadLetterSink sink = letters::add;

    @Test
    void failNamesTheOperatorTheCoordinatesAndTheError() {
        RecordErrors errors = RecordErrors.failing();
        errors.origin(new RecordOrigin("orders", 3, 42));

        assertThatThrownBy(() -> errors.onUndecodable("source", "{x".getBytes(StandardCharsets.UTF_8),
                        new BadRecordException("not valid JSON: unexpected end")))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("operator 'source' failed on a record from orders-3@42: not valid JSON: unexpected end");
    }

    @Test
    void skipCountsPerVertexAndGoesOn() {
        RecordErrors errors = new RecordErrors(new ErrorPolicy(ErrorPolicy.Mode.SKIP, null), null);
        List<Object> out = new ArrayList<>();
        Operator guarded = guarded(new MapOperator(row -> Fields.get(row, "n")), "pick-n", errors, out);

        feed(guarded, Map.of("n", 1), Map.of("m", 2), Map.of("n", 3), Map.of());

        assertThat(out).containsExactly(1, 3);
        assertThat(errors.counts()).isEqualTo(Map.of("pick-n", new RecordErrors.Counts(2, 0)));
    }

    @Test
    void deadLetterKeepsTheRecordTheReasonTheOperatorAndTheOrigin() {
        RecordErrors errors = new RecordErrors(new ErrorPolicy(ErrorPolicy.Mode.DEAD_LETTER, "dlq"), sink);
        var expression = ExpressionSandbox.standard().compile("10 / n");
        List<Object> out = new ArrayList<>();
        Operator guarded = guarded(new MapOperator(expression::evaluate), "divide", errors, out);

        errors.origin(new RecordOrigin("in", 0, 7));
        feed(guarded, Map.of("n", 0));
        errors.origin(new RecordOrigin("in", 0, 8));
        feed(guarded, Map.of("n", 5));

        assertThat(out).containsExactly(2);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(new String(letter.original(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":0}");
            assertThat(letter.operatorId()).isEqualTo("divide");
            assertThat(letter.error()).contains("by zero");
            assertThat(letter.origin()).isEqualTo(new RecordOrigin("in", 0, 7));
        });
        assertThat(errors.counts()).isEqualTo(Map.of("divide", new RecordErrors.Counts(0, 1)));
    }

    @Test
    void errorsOfTheJobItselfAreNotSwallowed() {
        RecordErrors errors = new RecordErrors(new ErrorPolicy(ErrorPolicy.Mode.SKIP, null), null);
        Operator guarded = guarded(new MapOperator(row -> {
            throw new IllegalStateException("state backend closed");
        }), "broken", errors, new ArrayList<>());

        assertThatThrownBy(() -> guarded.processElement(Map.of("n", 1), 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("state backend closed");
        assertThat(RecordErrors.isRecordError(new ExpressionException("x"))).isTrue();
        assertThat(RecordErrors.isRecordError(new OperatorException(new BadRecordException("y")))).isTrue();
        assertThat(RecordErrors.isRecordError(new IllegalArgumentException("z"))).isFalse();
    }

    @Test
    void failModeLeavesOperatorsUnwrapped() {
        MapOperator operator = new MapOperator(row -> row);
        assertThat(RecordErrorGuard.guard(operator, RecordErrors.failing())).isSameAs(operator);
    }

    private static Operator guarded(Operator operator, String id, RecordErrors errors, List<Object> out) {
        Operator guarded = RecordErrorGuard.guard(operator, errors);
        try {
            guarded.open(new SubtaskContext(id, 0, 1, 128, RecordErrorsTest.class.getClassLoader(), null,
                    Clock.systemUTC(), errors), new Output() {
                        @Override
                        public void collect(Object value, long timestamp) {
                            out.add(value);
                        }

                        @Override
                        public void emitWatermark(long watermark) {}
                    });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return guarded;
    }

    private static void feed(Operator operator, Object... records) {
        for (Object record : records) {
            try {
                operator.processElement(record, 0);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
