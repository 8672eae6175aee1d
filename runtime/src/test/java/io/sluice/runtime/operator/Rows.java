package io.sluice.runtime.operator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds rows in field order for tests. */
final class Rows {

    private Rows() {}

    static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
