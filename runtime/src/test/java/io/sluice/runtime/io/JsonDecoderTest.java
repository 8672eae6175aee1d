package io.sluice.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.runtime.record.BadRecordException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link JsonDecoder} against Jackson's untyped reading, the reference it replaces: on random documents the same
 * values of the same types, and on random one-byte corruptions of them the same verdict (both accept with equal
 * values, or both reject).
 */
class JsonDecoderTest {

    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    @Test
    void readsRandomDocumentsAsJacksonDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] json = utf8(new RandomJson(random).document());
            assertThat(JsonDecoder.decode(json)).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(jackson(json));
        }
    }

    @Test
    void acceptsAndRejectsCorruptedDocumentsAsJacksonDoes() {
        Random random = new Random(11);
        String corruptions = " \t\n\f\"\\/{}[],:.-+eE0159aftnulx'#\u0001";
        for (int i = 0; i < 20_000; i++) {
            byte[] json = utf8(new RandomJson(random).document());
            int at = random.nextInt(json.length + 1);
            byte[] corrupted;
            switch (random.nextInt(3)) {
                case 0 -> corrupted = java.util.Arrays.copyOf(json, at); // truncated
                case 1 -> { // a byte deleted
                    if (at == json.length) {
                        continue;
                    }
                    corrupted = new byte[json.length - 1];
                    System.arraycopy(json, 0, corrupted, 0, at);
                    System.arraycopy(json, at + 1, corrupted, at, json.length - at - 1);
                }
                default -> { // a byte inserted
                    corrupted = new byte[json.length + 1];
                    System.arraycopy(json, 0, corrupted, 0, at);
                    corrupted[at] = (byte) corruptions.charAt(random.nextInt(corruptions.length()));
                    System.arraycopy(json, at, corrupted, at + 1, json.length - at);
                }
            }
            if (corrupted.length == 0) {
                continue; // RecordFormats rejects empty records before decoding
            }
            String text = new String(corrupted, StandardCharsets.UTF_8);
            Object expected;
            try {
                expected = jackson(corrupted);
            } catch (JacksonException e) {
                assertThat(catchThrowable(() -> JsonDecoder.decode(corrupted)))
                        .as("%s (Jackson: %s)", text, e.getOriginalMessage())
                        .isInstanceOf(BadRecordException.class)
                        .hasMessageStartingWith("not valid JSON: ");
                continue;
            } catch (RuntimeException truncatedUtf8) {
                continue; // a cut multi-byte character: Jackson's reader fails outside its own exceptions
            }
            assertThat(JsonDecoder.decode(corrupted)).as(text).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1} x", "1 2", "[1,]", "{\"a\":1,}", "{a:1}", "{'a':1}", "[01]", "-", "1.", ".5", "1e", "+1", "NaN",
        "[1 2]", "{\"a\" 1}", "\"tab\there\"", "\"\\x\"", "\"\\u12g4\"", "tru", "nul", "[", "{", "\"open", "// c\n1",
        " \f1"})
    void rejectsWhatJacksonRejects(String json) {
        assertThatThrownBy(() -> jackson(utf8(json))).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> JsonDecoder.decode(utf8(json)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageStartingWith("not valid JSON: ");
    }

    @Test
    void namesTheProblemAndWhere() {
        assertThatThrownBy(() -> JsonDecoder.decode(utf8("{\"a\":1,}")))
                .hasMessage("not valid JSON: expected a field name in double quotes, found '}' (at byte 7)");
    }

    @Test
    void numbersTakeTheSmallestTypeThatHoldsThem() {
        for (String number : new String[] {"0", "-0", "2147483647", "-2147483648", "2147483648", "-2147483649",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
            "123456789012345678901234567890", "1.5", "-0.0", "1e400", "2.5E-3", "1E+2"}) {
            byte[] json = utf8(number);
            Object decoded = JsonDecoder.decode(json);
            assertThat(decoded).as(number).isEqualTo(jackson(json));
            assertThat(decoded.getClass()).as(number).isEqualTo(jackson(json).getClass());
        }
    }

    @Test
    void malformedUtf8IsAnError() {
        byte[] loneContinuation = {'"', (byte) 0x80, '"'};
        byte[] cutSequence = {'"', (byte) 0xC3, '"'};
        assertThatThrownBy(() -> JsonDecoder.decode(loneContinuation)).hasMessageContaining("malformed UTF-8");
        assertThatThrownBy(() -> JsonDecoder.decode(cutSequence)).hasMessageContaining("malformed UTF-8");
    }

    @Test
    void nestingIsBoundedAsInJackson() {
        String ok = "[".repeat(JsonDecoder.MAX_DEPTH) + "]".repeat(JsonDecoder.MAX_DEPTH);
        String deep = "[".repeat(JsonDecoder.MAX_DEPTH + 1) + "]".repeat(JsonDecoder.MAX_DEPTH + 1);
        assertThat(JsonDecoder.decode(utf8(ok))).isEqualTo(jackson(utf8(ok)));
        assertThatThrownBy(() -> jackson(utf8(deep))).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> JsonDecoder.decode(utf8(deep))).hasMessageContaining("nested deeper than");
    }

    @Test
    void skipsAByteOrderMark() {
        byte[] json = utf8("\uFEFF{\"a\":[true,false,null]}");
        assertThat(JsonDecoder.decode(json)).isEqualTo(jackson(json));
    }

    private static Object jackson(byte[] json) {
        return JACKSON.readValue(json, Object.class);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Random JSON text: every value kind, escapes, non-ASCII and surrogate pairs, number edges, odd whitespace. */
    private record RandomJson(Random random) {

        String document() {
            StringBuilder out = new StringBuilder();
            space(out);
            value(out, 0);
            space(out);
            return out.toString();
        }

        private void value(StringBuilder out, int depth) {
            switch (random.nextInt(depth >= 4 ? 4 : 6)) {
                case 0 -> string(out);
                case 1 -> number(out);
                case 2 -> out.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null");
                case 3 -> string(out);
                case 4 -> {
                    out.append('{');
                    int fields = random.nextInt(5);
                    for (int i = 0; i < fields; i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        space(out);
                        if (random.nextInt(4) == 0) {
                            string(out);
                        } else {
                            out.append('"').append("f").append(random.nextInt(6)).append('"'); // repeats happen
                        }
                        space(out);
                        out.append(':');
                        space(out);
                        value(out, depth + 1);
                        space(out);
                    }
                    out.append('}');
                }
                default -> {
                    out.append('[');
                    int items = random.nextInt(5);
                    for (int i = 0; i < items; i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        space(out);
                        value(out, depth + 1);
                        space(out);
                    }
                    out.append(']');
                }
            }
        }

        private void string(StringBuilder out) {
            out.append('"');
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(10)) {
                    case 0 -> out.append("\\\"\\\\\\/\\b\\f\\n\\r\\t".substring(random.nextInt(8) * 2).substring(0, 2));
                    case 1 -> out.append("\\u%04x".formatted(bmpCharacter()));
                    case 2 -> out.append((char) (0xA0 + random.nextInt(0x700)));
                    case 3 -> out.appendCodePoint(0x10000 + random.nextInt(0x1000)); // a surrogate pair in UTF-8
                    case 4 -> out.append("\\ud83d\\ude00");
                    default -> out.append(safeAscii());
                }
            }
            out.append('"');
        }

        /** Not a lone surrogate, which only values may hold (corruptions test names with broken pairs). */
        private int bmpCharacter() {
            int c;
            do {
                c = random.nextInt(0x10000);
            } while (c >= 0xD800 && c <= 0xDFFF);
            return c;
        }

        private char safeAscii() {
            char c;
            do {
                c = (char) (0x20 + random.nextInt(0x5F));
            } while (c == '"' || c == '\\');
            return c;
        }

        private void number(StringBuilder out) {
            switch (random.nextInt(6)) {
                case 0 -> out.append(random.nextInt());
                case 1 -> out.append(random.nextLong());
                case 2 -> out.append(random.nextInt(1000) - 500);
                case 3 -> out.append(new java.math.BigInteger(100, random).negate());
                case 4 -> out.append(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                default -> out.append(random.nextInt(100)).append('.').append(random.nextInt(1000))
                        .append(random.nextBoolean() ? "e" + (random.nextInt(40) - 20) : "");
            }
        }

        private void space(StringBuilder out) {
            if (random.nextInt(4) == 0) {
                out.append(" \t\n\r".charAt(random.nextInt(4)));
            }
        }
    }
}
