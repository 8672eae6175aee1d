package io.sluice.runtime.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Writes rows as JSON bytes, byte for byte as the project's Jackson mapper does, for the values rows hold: maps with
 * string keys, lists, strings, booleans, null and the JDK's integral and floating numbers. It gives up ({@code null})
 * on anything else (Java objects, non-finite doubles, broken surrogate pairs), which {@link RecordFormats} then hands
 * to Jackson. Jackson built a generator and its buffers per record: 8% of a sink-heavy worker's CPU
 * (docs/benchmarks.md, session 8). Each thread reuses one buffer; the result is a copy of it.
 */
final class JsonEncoder {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_DEPTH = 64;
    private static final int INITIAL_BUFFER = 512;
    /** A buffer grown past this by one large record is not kept for the next. */
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    private static final ThreadLocal<JsonEncoder> ENCODERS = ThreadLocal.withInitial(JsonEncoder::new);

    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int length;

    private JsonEncoder() {}

    /** The JSON of {@code value}, or null when it holds something this encoder leaves to Jackson. */
    static byte[] encode(Object value) {
        JsonEncoder encoder = ENCODERS.get();
        encoder.length = 0;
        byte[] json = encoder.value(value, 0) ? Arrays.copyOf(encoder.buffer, encoder.length) : null;
        if (encoder.buffer.length > MAX_KEPT_BUFFER) {
            encoder.buffer = new byte[INITIAL_BUFFER];
        }
        return json;
    }

    private boolean value(Object value, int depth) {
        if (value == null) {
            ascii("null");
        } else if (value instanceof String text) {
            return string(text);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            ascii(value.toString());
        } else if (value instanceof Double number) {
            if (!Double.isFinite(number)) {
                return false;
            }
            ascii(Double.toString(number));
        } else if (value instanceof Float number) {
            if (!Float.isFinite(number)) {
                return false;
            }
            ascii(Float.toString(number));
        } else if (value instanceof Boolean bool) {
            ascii(bool ? "true" : "false");
        } else if (value instanceof BigDecimal decimal) {
            ascii(decimal.toString());
        } else if (value instanceof Map<?, ?> map) {
            return depth < MAX_DEPTH && object(map, depth + 1);
        } else if (value instanceof Collection<?> list) {
            return depth < MAX_DEPTH && array(list, depth + 1);
        } else {
            return false;
        }
        return true;
    }

    private boolean object(Map<?, ?> map, int depth) {
        put('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                return false;
            }
            if (!first) {
                put(',');
            }
            first = false;
            if (!string(key)) {
                return false;
            }
            put(':');
            if (!value(entry.getValue(), depth)) {
                return false;
            }
        }
        put('}');
        return true;
    }

    private boolean array(Collection<?> list, int depth) {
        put('[');
        boolean first = true;
        for (Object element : list) {
            if (!first) {
                put(',');
            }
            first = false;
            if (!value(element, depth)) {
                return false;
            }
        }
        put(']');
        return true;
    }

    /** A quoted string: quote, backslash and control characters escaped as Jackson escapes them; UTF-8 otherwise. */
    private boolean string(String text) {
        put('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c == '"' || c == '\\') {
                    put('\\');
                    put(c);
                } else if (c < 0x20) {
                    escapeControl(c);
                } else {
                    put(c);
                }
            } else if (c < 0x800) {
                put(0xC0 | (c >> 6));
                put(0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == text.length()
                        || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                int point = Character.toCodePoint(c, text.charAt(++i));
                put(0xF0 | (point >> 18));
                put(0x80 | ((point >> 12) & 0x3F));
                put(0x80 | ((point >> 6) & 0x3F));
                put(0x80 | (point & 0x3F));
            } else {
                put(0xE0 | (c >> 12));
                put(0x80 | ((c >> 6) & 0x3F));
                put(0x80 | (c & 0x3F));
            }
        }
        put('"');
        return true;
    }

    private void escapeControl(char c) {
        put('\\');
        switch (c) {
            case '\b' -> put('b');
            case '\t' -> put('t');
            case '\n' -> put('n');
            case '\f' -> put('f');
            case '\r' -> put('r');
            default -> {
                ascii("u00");
                put(HEX[c >> 4]);
                put(HEX[c & 0xF]);
            }
        }
    }

    private void ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            put(text.charAt(i));
        }
    }

    private void put(int b) {
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[length++] = (byte) b;
    }
}
