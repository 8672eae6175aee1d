package io.sluice.runtime.window;

import io.sluice.api.function.AggregateFunction;
import io.sluice.graph.window.WindowFunctionSpec.BuiltInKind;
import io.sluice.runtime.record.Fields;
import io.sluice.runtime.record.Numbers;

/**
 * The built-in window aggregates of JSON jobs over one field of rows (or Java records/POJOs). The accumulator is a
 * small array so it stays serializable: count → {@code [count]}; sum/min/max → {@code [value]}; avg →
 * {@code [sum, count]}; min-by/max-by → {@code [record, value]} (the first record with the extreme value wins ties).
 */
final class BuiltInAggregate implements AggregateFunction<Object, Object[], Object> {

    private final BuiltInKind kind;
    private final String field;

    BuiltInAggregate(BuiltInKind kind, String field) {
        this.kind = kind;
        this.field = field;
    }

    @Override
    public Object[] createAccumulator() {
        return switch (kind) {
            case AVG -> new Object[] {0L, 0L};
            case MIN_BY, MAX_BY -> new Object[2];
            default -> new Object[1];
        };
    }

    /**
     * Updates {@code acc} in place, as Flink's contract for {@code add} allows: a new array per record was garbage, and
     * where the accumulator had been promoted (a pre-aggregation buffer lives through young collections) storing the
     * new array in the old map entry made a reference from the old generation to the young one that every young
     * collection then scanned.
     */
    @Override
    public Object[] add(Object value, Object[] acc) {
        switch (kind) {
            case COUNT -> acc[0] = acc[0] == null ? 1L : (Long) acc[0] + 1;
            case SUM -> acc[0] = acc[0] == null ? number(value) : Numbers.add((Number) acc[0], number(value));
            case MIN, MAX -> {
                Number number = number(value);
                if (better(number, acc[0])) {
                    acc[0] = number;
                }
            }
            case AVG -> {
                acc[0] = Numbers.add((Number) acc[0], number(value));
                acc[1] = (Long) acc[1] + 1;
            }
            default -> {
                Number number = number(value);
                if (better(number, acc[1])) {
                    acc[0] = value;
                    acc[1] = number;
                }
            }
        }
        return acc;
    }

    @Override
    public Object getResult(Object[] acc) {
        return switch (kind) {
            case AVG -> ((Number) acc[0]).doubleValue() / (Long) acc[1];
            case MIN_BY, MAX_BY -> acc[0];
            default -> acc[0];
        };
    }

    @Override
    public Object[] merge(Object[] a, Object[] b) {
        return switch (kind) {
            case COUNT -> new Object[] {(a[0] == null ? 0L : (Long) a[0]) + (b[0] == null ? 0L : (Long) b[0])};
            case SUM -> a[0] == null ? b : b[0] == null ? a : new Object[] {Numbers.add((Number) a[0], (Number) b[0])};
            case MIN, MAX -> better(b[0], a[0]) ? b : a;
            case AVG -> new Object[] {Numbers.add((Number) a[0], (Number) b[0]), (Long) a[1] + (Long) b[1]};
            default -> better(b[1], a[1]) ? b : a;
        };
    }

    /** Whether {@code candidate} strictly beats {@code current} (null loses to everything). */
    private boolean better(Object candidate, Object current) {
        if (candidate == null) {
            return false;
        }
        if (current == null) {
            return true;
        }
        int order = Numbers.compare(candidate, current);
        return kind == BuiltInKind.MIN || kind == BuiltInKind.MIN_BY ? order < 0 : order > 0;
    }

    private Number number(Object record) {
        Object value = Fields.get(record, field);
        if (value instanceof Number number) {
            return number;
        }
        throw new IllegalArgumentException("field '" + field + "' of " + record + " is not a number: " + value);
    }
}
