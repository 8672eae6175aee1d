package io.sluice.runtime.record;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Arithmetic and comparison over boxed numbers of mixed types, as rows read from JSON hold them (Integer, Long,
 * BigInteger, Double, BigDecimal). Widening rules for {@link #add}: any BigDecimal → BigDecimal; else any
 * floating point → Double; else any BigInteger → BigInteger; else Integer + Integer → Integer when the sum fits,
 * otherwise Long. Typed fields of Java objects are converted back with {@link #toType} (wrapping like Java).
 */
public final class Numbers {

    private Numbers() {}

    public static Number add(Number a, Number b) {
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            return decimal(a).add(decimal(b));
        }
        if (isFloating(a) || isFloating(b)) {
            return a.doubleValue() + b.doubleValue();
        }
        if (a instanceof BigInteger || b instanceof BigInteger) {
            return integer(a).add(integer(b));
        }
        long sum = a.longValue() + b.longValue();
        if (a instanceof Integer && b instanceof Integer && sum == (int) sum) {
            return (int) sum;
        }
        return sum;
    }

    /** Numbers by value whatever their boxed types; other values by natural order (same class required). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (isIntegral(x) && isIntegral(y)) {
                return Long.compare(x.longValue(), y.longValue());
            }
            if (isFloating(x) || isFloating(y) || !(x instanceof BigDecimal || y instanceof BigDecimal)) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return decimal(x).compareTo(decimal(y));
        }
        if (a instanceof Comparable comparable && a.getClass().isInstance(b)) {
            return comparable.compareTo(b);
        }
        throw new IllegalArgumentException("cannot compare " + describe(a) + " with " + describe(b));
    }

    /** {@code value} as the given (primitive or boxed) number type; null if {@code type} is not numeric. */
    public static Object toType(Number value, Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return value.intValue();
        }
        if (type == long.class || type == Long.class) {
            return value.longValue();
        }
        if (type == double.class || type == Double.class) {
            return value.doubleValue();
        }
        if (type == float.class || type == Float.class) {
            return value.floatValue();
        }
        if (type == short.class || type == Short.class) {
            return value.shortValue();
        }
        if (type == byte.class || type == Byte.class) {
            return value.byteValue();
        }
        if (type == BigInteger.class) {
            return integer(value);
        }
        if (type == BigDecimal.class) {
            return decimal(value);
        }
        return type.isInstance(value) ? value : null;
    }

    public static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    private static boolean isFloating(Number n) {
        return n instanceof Double || n instanceof Float;
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return isIntegral(n) ? BigDecimal.valueOf(n.longValue()) : BigDecimal.valueOf(n.doubleValue());
    }

    private static BigInteger integer(Number n) {
        if (n instanceof BigInteger i) {
            return i;
        }
        return n instanceof BigDecimal d ? d.toBigInteger() : BigInteger.valueOf(n.longValue());
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
