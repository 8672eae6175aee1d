package io.sluice.runtime.operator;

import io.sluice.graph.OperatorSpec.AggregateKind;
import io.sluice.runtime.record.Fields;
import io.sluice.runtime.record.Numbers;

/**
 * Flink's rolling aggregates: how the accumulated record of a key absorbs the next record. The first record of a
 * key is the accumulator as it is.
 * <ul>
 *   <li>SUM, MIN, MAX: the accumulator keeps the other fields of the first record; only the aggregated field
 *       changes (sum, or the smaller/larger value). Sums widen numbers as {@link Numbers#add} says.
 *   <li>MIN_BY, MAX_BY: the accumulator is the whole record with the smallest/largest value; on ties the earlier
 *       record stays.
 * </ul>
 */
enum Aggregation {
    SUM {
        @Override
        Object absorb(Object accumulator, Object value, String field) {
            Number sum = Numbers.add(number(accumulator, field), number(value, field));
            return Fields.with(accumulator, field, sum);
        }
    },
    MIN {
        @Override
        Object absorb(Object accumulator, Object value, String field) {
            Object candidate = Fields.get(value, field);
            return compare(candidate, accumulator, field) < 0 ? Fields.with(accumulator, field, candidate) : accumulator;
        }
    },
    MAX {
        @Override
        Object absorb(Object accumulator, Object value, String field) {
            Object candidate = Fields.get(value, field);
            return compare(candidate, accumulator, field) > 0 ? Fields.with(accumulator, field, candidate) : accumulator;
        }
    },
    MIN_BY {
        @Override
        Object absorb(Object accumulator, Object value, String field) {
            return compare(Fields.get(value, field), accumulator, field) < 0 ? value : accumulator;
        }
    },
    MAX_BY {
        @Override
        Object absorb(Object accumulator, Object value, String field) {
            return compare(Fields.get(value, field), accumulator, field) > 0 ? value : accumulator;
        }
    };

    /** The new accumulator. */
    abstract Object absorb(Object accumulator, Object value, String field);

    static Aggregation of(AggregateKind kind) {
        return switch (kind) {
            case SUM -> SUM;
            case MIN -> MIN;
            case MAX -> MAX;
            case MIN_BY -> MIN_BY;
            case MAX_BY -> MAX_BY;
            case COUNT -> throw new IllegalArgumentException("COUNT is not a field aggregation (see CountOperator)");
        };
    }

    private static int compare(Object candidate, Object accumulator, String field) {
        return Numbers.compare(required(candidate, field), required(Fields.get(accumulator, field), field));
    }

    private static Number number(Object record, String field) {
        Object value = required(Fields.get(record, field), field);
        if (value instanceof Number number) {
            return number;
        }
        throw new IllegalArgumentException("field '" + field + "' is not a number: " + value);
    }

    private static Object required(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is null");
        }
        return value;
    }
}
