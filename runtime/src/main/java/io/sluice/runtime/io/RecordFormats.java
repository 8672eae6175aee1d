package io.sluice.runtime.io;

import io.sluice.graph.OperatorSpec.RecordFormat;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import io.sluice.runtime.record.BadRecordException;

/**
 * Record values as external bytes (Kafka topics users read and write).
 *
 * <ul>
 *   <li>JSON: a JSON object becomes a row ({@code LinkedHashMap}, field order kept; numbers as Integer, Long,
 *       BigInteger or Double as Jackson reads them; see {@link JsonDecoder}); any other JSON value {@code v} becomes
 *       {@code {"value": v}}.
 *       Rows and Java objects (records, POJOs) are written as JSON.
 *   <li>STRING: UTF-8 text, read as {@code {"value": text}}; written as {@code String.valueOf(record)}, or the
 *       value of a row's only field.
 * </ul>
 * Thread-safe.
 */
public final class RecordFormats {

    /** The field a bare value is held in. */
    public static final String VALUE_FIELD = "value";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RecordFormats() {}

    public static Object decode(RecordFormat format, byte[] bytes) {
        if (format == RecordFormat.STRING) {
            return row(new String(bytes, StandardCharsets.UTF_8));
        }
        if (bytes.length == 0) {
            throw new BadRecordException("not valid JSON: the record is empty");
        }
        Object value = JsonDecoder.decode(bytes);
        return value instanceof Map<?, ?> ? value : row(value);
    }

    public static byte[] encode(RecordFormat format, Object record) {
        if (format == RecordFormat.STRING) {
            Object value = record instanceof Map<?, ?> row && row.size() == 1 ? row.values().iterator().next() : record;
            return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        }
        byte[] json = JsonEncoder.encode(record);
        return json != null ? json : JSON.writeValueAsBytes(record);
    }

    private static Map<String, Object> row(Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(VALUE_FIELD, value);
        return row;
    }
}
