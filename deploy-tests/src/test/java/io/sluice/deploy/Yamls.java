package io.sluice.deploy;

import java.util.List;
import java.util.Map;

/** Typed access to parsed YAML, failing with the path when the shape is not what a manifest must have. */
final class Yamls {

    private Yamls() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new AssertionError(where + ": expected a mapping, got " + value);
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value, String where) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new AssertionError(where + ": expected a list, got " + value);
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return asMap(parent.get(key), key);
    }

    static Map<String, Object> mapOrEmpty(Map<String, Object> parent, String key) {
        return parent.get(key) == null ? Map.of() : asMap(parent.get(key), key);
    }

    static List<Object> listOrEmpty(Map<String, Object> parent, String key) {
        return parent.get(key) == null ? List.of() : asList(parent.get(key), key);
    }

    /** {@code path} like "spec.template.spec"; every step must be a mapping. */
    static Map<String, Object> at(Map<String, Object> root, String path) {
        Map<String, Object> current = root;
        for (String key : path.split("\\.")) {
            current = asMap(current.get(key), path);
        }
        return current;
    }
}
