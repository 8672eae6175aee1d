package io.sluice.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.graph.OperatorSpec.RecordFormat;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordFormatsTest {

    record WordCount(String word, long count) {}

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void jsonObjectsBecomeOrderedRows() {
        Object row = RecordFormats.decode(RecordFormat.JSON, utf8("{\"z\":1,\"a\":\"x\",\"big\":12345678901,\"d\":1.5,\"xs\":[1,2]}"));

        assertThat(row).isInstanceOf(LinkedHashMap.class);
        Map<?, ?> map = (Map<?, ?>) row;
        assertThat(List.<Object>copyOf(map.keySet())).containsExactly("z", "a", "big", "d", "xs");
        assertThat(map.get("z")).isEqualTo(1);
        assertThat(map.get("big")).isEqualTo(12345678901L);
        assertThat(map.get("d")).isEqualTo(1.5);
        assertThat(map.get("xs")).isEqualTo(List.of(1, 2));
    }

    @Test
    void otherJsonValuesAreWrappedInAValueRow() {
        assertThat(RecordFormats.decode(RecordFormat.JSON, utf8("\"hi\""))).isEqualTo(Map.of("value", "hi"));
        assertThat(RecordFormats.decode(RecordFormat.JSON, utf8("[1]"))).isEqualTo(Map.of("value", List.of(1)));
    }

    @Test
    void stringsAreValueRows() {
        assertThat(RecordFormats.decode(RecordFormat.STRING, utf8("plain text"))).isEqualTo(Map.of("value", "plain text"));
    }

    @Test
    void writesRowsAndJavaObjectsAsJson() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("word", "a");
        row.put("count", 2L);
        assertThat(text(RecordFormats.encode(RecordFormat.JSON, row))).isEqualTo("{\"word\":\"a\",\"count\":2}");
        assertThat(text(RecordFormats.encode(RecordFormat.JSON, new WordCount("b", 3)))).isEqualTo("{\"word\":\"b\",\"count\":3}");
    }

    @Test
    void writesStringsAsText() {
        assertThat(text(RecordFormats.encode(RecordFormat.STRING, Map.of("value", "only")))).isEqualTo("only");
        assertThat(text(RecordFormats.encode(RecordFormat.STRING, 42L))).isEqualTo("42");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("word", "a");
        row.put("count", 2L);
        assertThat(text(RecordFormats.encode(RecordFormat.STRING, row))).isEqualTo("{word=a, count=2}");
    }
}
