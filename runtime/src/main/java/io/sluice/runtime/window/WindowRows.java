package io.sluice.runtime.window;

import io.sluice.api.function.Collector;
import io.sluice.api.windowing.TimeWindow;
import io.sluice.api.windowing.Window;
import io.sluice.graph.window.WindowFunctionSpec.BuiltInKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output rows of the built-in aggregates: {@code window-start}, {@code window-end} (time windows only), the key
 * field, then the aggregate ({@code count}, or the aggregated field). min-by/max-by emit the chosen row with the
 * window fields added in front.
 */
final class WindowRows implements WindowFunction {

    private final BuiltInKind kind;
    private final String field;
    private final String keyField;

    /** @param keyField the output field of the key; null for none */
    WindowRows(BuiltInKind kind, String field, String keyField) {
        this.kind = kind;
        this.field = field;
        this.keyField = keyField;
    }

    @Override
    public void apply(Object key, Window window, List<Object> values, WindowFiring firing, Collector<Object> out) {
        for (Object value : values) {
            Map<String, Object> row = new LinkedHashMap<>();
            if (window instanceof TimeWindow time) {
                row.put("window-start", time.start());
                row.put("window-end", time.end());
            }
            if (kind == BuiltInKind.MIN_BY || kind == BuiltInKind.MAX_BY) {
                if (value instanceof Map<?, ?> chosen) {
                    chosen.forEach((name, fieldValue) -> row.putIfAbsent(String.valueOf(name), fieldValue));
                    out.collect(row);
                } else {
                    out.collect(value);
                }
                continue;
            }
            if (keyField != null) {
                row.put(keyField, key);
            }
            row.put(kind == BuiltInKind.COUNT ? "count" : field, value);
            out.collect(row);
        }
    }
}
