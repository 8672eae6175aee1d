package io.sluice.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The encoder against Jackson itself, the reference its output must equal byte for byte. */
class JsonEncoderTest {

    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    @Test
    void writesRandomRowsExactlyAsJacksonDoes() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            Object row = row(random, 0);
            byte[] ours = JsonEncoder.encode(row);
            assertThat(ours).as("row %d", i).isNotNull();
            assertThat(new String(ours, StandardCharsets.UTF_8))
                    .as("row %d", i)
                    .isEqualTo(new String(JACKSON.writeValueAsBytes(row), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyCharacterOfTheBasicPlaneAndSupplementaryOnesAreWrittenAsJacksonWritesThem() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MIN_SURROGATE; c++) {
            all.append(c);
        }
        for (int c = Character.MAX_SURROGATE + 1; c <= 0xFFFF; c++) {
            all.append((char) c);
        }
        all.appendCodePoint(0x1F600).appendCodePoint(0x10000).appendCodePoint(0x10FFFF);
        Map<String, Object> row = Map.of("text" + all, all.toString());
        assertThat(JsonEncoder.encode(row)).isEqualTo(JACKSON.writeValueAsBytes(row));
    }

    @Test
    void leavesToJacksonWhatItDoesNotWriteItself() {
        assertThat(JsonEncoder.encode(Map.of("x", Double.NaN))).isNull();
        assertThat(JsonEncoder.encode(Map.of("x", Float.POSITIVE_INFINITY))).isNull();
        assertThat(JsonEncoder.encode(Map.of("x", "broken \uD83D pair"))).isNull();
        assertThat(JsonEncoder.encode(Map.of("x", "\uDE00 low first"))).isNull();
        assertThat(JsonEncoder.encode(Map.of(1, "a non-string key"))).isNull();
        assertThat(JsonEncoder.encode(new Point(1, 2))).isNull();
        assertThat(JsonEncoder.encode(Map.of("nested", List.of(new Point(1, 2))))).isNull();
        assertThat(JsonEncoder.encode(Map.of("array", new int[] {1}))).isNull();
    }

    @Test
    void recordFormatsFallBackToJacksonForJavaObjects() {
        assertThat(new String(RecordFormats.encode(io.sluice.graph.OperatorSpec.RecordFormat.JSON, new Point(1, 2)),
                StandardCharsets.UTF_8)).isEqualTo("{\"x\":1,\"y\":2}");
    }

    @Test
    void aLargeRecordIsWrittenWholeAndTheNextOneStillRight() {
        Map<String, Object> large = new LinkedHashMap<>();
        for (int i = 0; i < 100_000; i++) {
            large.put("field" + i, "value " + i);
        }
        assertThat(JsonEncoder.encode(large)).isEqualTo(JACKSON.writeValueAsBytes(large));
        assertThat(JsonEncoder.encode(Map.of("a", 1))).isEqualTo(JACKSON.writeValueAsBytes(Map.of("a", 1)));
    }

    record Point(int x, int y) {}

    private static Object row(Random random, int depth) {
        Map<String, Object> row = new LinkedHashMap<>();
        int fields = random.nextInt(depth == 0 ? 8 : 4);
        for (int i = 0; i < fields; i++) {
            row.put(text(random), value(random, depth));
        }
        return row;
    }

    private static Object value(Random random, int depth) {
        return switch (random.nextInt(depth < 3 ? 16 : 13)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 5 -> (float) random.nextGaussian();
            case 6 -> BigInteger.valueOf(random.nextLong()).multiply(BigInteger.valueOf(random.nextLong()));
            case 7 -> new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(20) - 10);
            case 8 -> (short) random.nextInt();
            case 9 -> (byte) random.nextInt();
            case 10, 11, 12 -> text(random);
            case 13 -> row(random, depth + 1);
            case 14 -> Set.of();
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
        };
    }

    /** Mostly ASCII, with controls, quotes, backslashes, 2- and 3-byte characters and surrogate pairs. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            switch (random.nextInt(8)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append(random.nextBoolean() ? '"' : '\\');
                case 2 -> text.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> text.append((char) (0x800 + random.nextInt(Character.MIN_SURROGATE - 0x800)));
                case 4 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                default -> text.append((char) (0x20 + random.nextInt(0x60)));
            }
        }
        return text.toString();
    }
}
