package io.sluice.runtime.io;

import io.sluice.runtime.record.BadRecordException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value (RFC 8259, UTF-8, a leading byte-order mark skipped) into the Java values Jackson's untyped
 * reading gives: objects as {@code LinkedHashMap} (field order kept, a repeated field's last value wins), arrays as
 * {@code ArrayList}, integers as Integer, Long or BigInteger (the smallest that holds them), other numbers as Double,
 * strings, booleans and null. As strict as Jackson's defaults: no comments, single quotes, NaN, leading zeros,
 * trailing commas or content after the value, at most {@value #MAX_DEPTH} levels of nesting.
 *
 * <p>Why not Jackson: a Jackson parser costs about 750 bytes of garbage per call, more than the row it builds, and
 * sources decode every record. Here field names come from a shared cache, so after the first record a row costs its
 * map, its entries and its values. Thread-safe.
 */
final class JsonDecoder {

    static final int MAX_DEPTH = 500;
    static final int MAX_NUMBER_LENGTH = 1000;

    private static final NameCache NAMES = new NameCache();

    private final byte[] in;
    private int pos;

    private JsonDecoder(byte[] in) {
        this.in = in;
    }

    static Object decode(byte[] bytes) {
        JsonDecoder decoder = new JsonDecoder(bytes);
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            decoder.pos = 3;
        }
        Object value = decoder.value(0);
        decoder.skipWhitespace();
        if (decoder.pos < bytes.length) {
            throw decoder.error("unexpected " + decoder.describeNext() + " after the value");
        }
        return value;
    }

    private Object value(int depth) {
        skipWhitespace();
        int c = peek();
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> {
                pos++;
                yield string();
            }
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || isDigit(c)) {
                    yield number();
                }
                throw error("expected a value, found " + describeNext());
            }
        };
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        pos++;
        Map<String, Object> row = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return row;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a field name in double quotes, found " + describeNext());
            }
            pos++;
            String name = fieldName();
            skipWhitespace();
            if (peek() != ':') {
                throw error("expected ':' after field \"" + name + "\", found " + describeNext());
            }
            pos++;
            row.put(name, value(depth));
            skipWhitespace();
            int c = peek();
            pos++;
            if (c == '}') {
                return row;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in an object, found " + describeNext());
            }
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth));
            skipWhitespace();
            int c = peek();
            pos++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in an array, found " + describeNext());
            }
        }
    }

    /** A field name without escapes or non-ASCII characters (the usual case) comes from the cache. */
    private String fieldName() {
        int start = pos;
        int hash = 0;
        while (pos < in.length) {
            int c = in[pos] & 0xFF;
            if (c == '"') {
                String name = NAMES.get(in, start, pos, hash);
                pos++;
                return name;
            }
            if (c == '\\' || c < 0x20 || c >= 0x80) {
                break;
            }
            hash = 31 * hash + c;
            pos++;
        }
        pos = start;
        String name = string();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // Jackson refuses these in names (in string values it keeps them, and so does this decoder)
                throw error("a field name with an unpaired surrogate \\u%04x".formatted((int) c));
            }
        }
        return name;
    }

    /** From just after the opening quote to just after the closing one. */
    private String string() {
        int start = pos;
        while (pos < in.length) {
            int c = in[pos] & 0xFF;
            if (c == '"') {
                String text = text(start, pos);
                pos++;
                return text;
            }
            if (c == '\\') {
                return escapedString(start);
            }
            if (c < 0x20) {
                throw error("control character " + describeNext() + " in a string (it must be escaped)");
            }
            pos++;
        }
        throw error("unterminated string");
    }

    private String escapedString(int start) {
        StringBuilder text = new StringBuilder(pos - start + 16).append(text(start, pos));
        while (pos < in.length) {
            int c = in[pos] & 0xFF;
            if (c == '"') {
                pos++;
                return text.toString();
            }
            if (c == '\\') {
                pos++;
                text.append(escape());
            } else if (c < 0x20) {
                throw error("control character " + describeNext() + " in a string (it must be escaped)");
            } else {
                int segment = pos;
                while (pos < in.length && in[pos] != '"' && in[pos] != '\\' && (in[pos] & 0xFF) >= 0x20) {
                    pos++;
                }
                text.append(text(segment, pos));
            }
        }
        throw error("unterminated string");
    }

    private char escape() {
        if (pos >= in.length) {
            throw error("unterminated string");
        }
        int c = in[pos++];
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape();
            default -> {
                pos--;
                throw error("unknown escape \\" + describeNext());
            }
        };
    }

    /** Four hex digits; a surrogate pair is two escapes, each a char of its own (as Java strings hold them). */
    private char unicodeEscape() {
        if (pos + 4 > in.length) {
            throw error("unterminated \\u escape");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(in[pos], 16);
            if (digit < 0) {
                throw error("expected a hex digit in a \\u escape, found " + describeNext());
            }
            code = code * 16 + digit;
            pos++;
        }
        return (char) code;
    }

    /** ASCII straight to a compact string; anything else decoded strictly (malformed UTF-8 is an error). */
    private String text(int start, int end) {
        for (int i = start; i < end; i++) {
            if (in[i] < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(in, start, end - start))
                            .toString();
                } catch (CharacterCodingException e) {
                    throw error("malformed UTF-8 in a string");
                }
            }
        }
        return new String(in, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private Object literal(String word, Object value) {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= in.length || in[pos + i] != word.charAt(i)) {
                throw error("expected a value, found " + describeNext());
            }
        }
        pos += word.length();
        return value;
    }

    private Object number() {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        int integerStart = pos;
        if (!isDigit(peek())) {
            throw error("expected a digit after '-', found " + describeNext());
        }
        if (in[pos] == '0' && isDigit(peekAt(pos + 1))) {
            throw error("leading zeros are not allowed in numbers");
        }
        skipDigits();
        int integerEnd = pos;
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after the decimal point, found " + describeNext());
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent, found " + describeNext());
            }
            skipDigits();
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw error("a number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        if (!integral) {
            return Double.parseDouble(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
        }
        if (integerEnd - integerStart <= 18) {
            long value = 0;
            for (int i = integerStart; i < integerEnd; i++) {
                value = value * 10 + (in[i] - '0');
            }
            if (in[start] == '-') {
                value = -value;
            }
            return value == (int) value ? (Object) (int) value : (Object) value;
        }
        BigInteger value = new BigInteger(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            byte c = in[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** The next byte, or -1 at the end. */
    private int peek() {
        return peekAt(pos);
    }

    private int peekAt(int index) {
        return index < in.length ? in[index] & 0xFF : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private String describeNext() {
        int c = peek();
        if (c < 0) {
            return "the end of the input";
        }
        return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : "byte 0x%02X".formatted(c);
    }

    private BadRecordException error(String problem) {
        return new BadRecordException("not valid JSON: " + problem + " (at byte " + pos + ")");
    }

    /**
     * Field names by their bytes, so that rows of one shape share their keys' strings. Entries are immutable, so
     * threads racing on a slot at worst replace each other's entry.
     */
    private static final class NameCache {

        private static final int SLOTS = 1024;
        private static final int MAX_CACHED_LENGTH = 64;

        private record Entry(byte[] bytes, String name) {}

        private final Entry[] entries = new Entry[SLOTS];

        /** @param hash of the ASCII bytes {@code in[start..end)}, as {@link String#hashCode()} would give it */
        String get(byte[] in, int start, int end, int hash) {
            int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
            Entry entry = entries[slot];
            if (entry != null && Arrays.equals(entry.bytes, 0, entry.bytes.length, in, start, end)) {
                return entry.name;
            }
            String name = new String(in, start, end - start, StandardCharsets.ISO_8859_1);
            if (end - start <= MAX_CACHED_LENGTH) {
                entries[slot] = new Entry(Arrays.copyOfRange(in, start, end), name);
            }
            return name;
        }
    }
}
