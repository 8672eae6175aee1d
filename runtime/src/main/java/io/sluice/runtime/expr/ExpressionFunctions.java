package io.sluice.runtime.expr;

import io.sluice.runtime.record.Numbers;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The functions job expressions may call, as {@code #name(...)}. Every public static method here is one function
 * (one method per name: SpEL binds a function name to a single {@link Method}). They are null-tolerant and lenient
 * where Java would throw (a streaming job should not die on one odd record): null in gives null out unless noted.
 *
 * <p>Numbers: {@code abs}, {@code min}, {@code max} keep the argument's type; {@code round}, {@code floor},
 * {@code ceil} and {@code toLong} give a {@code Long}; {@code toDouble} a {@code Double}.
 */
public final class ExpressionFunctions {

    /** Longest text {@link #concat} builds: SpEL's own limit for {@code +} on strings. */
    static final int MAX_TEXT_LENGTH = 100_000;

    /** Longest regular expression {@link #split} accepts. */
    static final int MAX_REGEX_LENGTH = 256;

    private static final int PATTERN_CACHE_SIZE = 256;
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private ExpressionFunctions() {}

    /** The functions by name. */
    static Map<String, Method> all() {
        Map<String, Method> functions = new TreeMap<>();
        for (Method method : ExpressionFunctions.class.getDeclaredMethods()) {
            int modifiers = method.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers)) {
                if (functions.put(method.getName(), method) != null) {
                    throw new IllegalStateException("overloaded expression function " + method.getName());
                }
            }
        }
        return functions;
    }

    /** Splits around matches of {@code regex}, dropping empty strings; an empty list for null. */
    public static List<String> split(String text, String regex) {
        if (text == null) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (String part : pattern(regex).split(new RegexBudget(text))) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    public static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    public static String upper(String text) {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    public static String trim(String text) {
        return text == null ? null : text.strip();
    }

    /** Length of a string, size of a collection or map, length of an array; 0 for null. */
    public static int length(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof CharSequence s) {
            return s.length();
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        if (value.getClass().isArray()) {
            return Array.getLength(value);
        }
        throw new IllegalArgumentException("#length of a " + value.getClass().getSimpleName());
    }

    /** Characters {@code from} (inclusive) to {@code to} (exclusive), both clamped to the string. */
    public static String substring(String text, int from, int to) {
        if (text == null) {
            return null;
        }
        int start = Math.max(0, Math.min(from, text.length()));
        int end = Math.max(start, Math.min(to, text.length()));
        return text.substring(start, end);
    }

    /** The parts as text, joined; null parts are skipped. At most {@value #MAX_TEXT_LENGTH} characters. */
    public static String concat(Object... parts) {
        StringBuilder joined = new StringBuilder();
        for (Object part : parts) {
            if (part != null) {
                joined.append(part);
            }
            if (joined.length() > MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException("#concat result longer than " + MAX_TEXT_LENGTH + " characters");
            }
        }
        return joined.toString();
    }

    /** Substring of a string, element of a collection or array, key of a map; false for null. */
    public static boolean contains(Object container, Object item) {
        if (container == null) {
            return false;
        }
        if (container instanceof CharSequence s) {
            return item != null && s.toString().contains(item.toString());
        }
        if (container instanceof Collection<?> c) {
            return c.contains(item);
        }
        if (container instanceof Map<?, ?> m) {
            return m.containsKey(item);
        }
        if (container instanceof Object[] array) {
            return Arrays.asList(array).contains(item);
        }
        throw new IllegalArgumentException("#contains on a " + container.getClass().getSimpleName());
    }

    public static boolean startsWith(String text, String prefix) {
        return text != null && prefix != null && text.startsWith(prefix);
    }

    public static Number abs(Number value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer i) {
            return Math.abs(i);
        }
        if (value instanceof Long l) {
            return Math.abs(l);
        }
        if (value instanceof Float f) {
            return Math.abs(f);
        }
        if (value instanceof BigInteger b) {
            return b.abs();
        }
        if (value instanceof BigDecimal d) {
            return d.abs();
        }
        return Math.abs(value.doubleValue());
    }

    /** Half up, as {@link Math#round(double)}. */
    public static Long round(Number value) {
        return value == null ? null : Numbers.isIntegral(value) ? value.longValue() : Math.round(value.doubleValue());
    }

    public static Long floor(Number value) {
        return value == null ? null : Numbers.isIntegral(value) ? value.longValue() : (long) Math.floor(value.doubleValue());
    }

    public static Long ceil(Number value) {
        return value == null ? null : Numbers.isIntegral(value) ? value.longValue() : (long) Math.ceil(value.doubleValue());
    }

    /** The smaller argument itself (numbers compared by value, other values by their natural order); nulls lose. */
    public static Object min(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Numbers.compare(a, b) <= 0 ? a : b;
    }

    /** The larger argument itself; nulls lose. */
    public static Object max(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Numbers.compare(a, b) >= 0 ? a : b;
    }

    /** A number or numeric text as a long (decimals truncated). */
    public static Long toLong(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        String text = value.toString().strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notAnInteger) {
            return (long) Double.parseDouble(text);
        }
    }

    public static Double toDouble(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().strip());
    }

    public static String toString(Object value) {
        return value == null ? null : value.toString();
    }

    /** The first argument that is not null, or null. */
    public static Object coalesce(Object... values) {
        for (Object value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static Pattern pattern(String regex) {
        if (regex == null || regex.length() > MAX_REGEX_LENGTH) {
            throw new IllegalArgumentException("#split needs a regular expression of at most "
                    + MAX_REGEX_LENGTH + " characters");
        }
        Pattern cached = PATTERNS.get(regex);
        if (cached != null) {
            return cached;
        }
        if (PATTERNS.size() >= PATTERN_CACHE_SIZE) {
            PATTERNS.clear();
        }
        return PATTERNS.computeIfAbsent(regex, Pattern::compile);
    }
}
