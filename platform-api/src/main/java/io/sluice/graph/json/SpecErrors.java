package io.sluice.graph.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors found so far, at most one per path: the first (most specific) reason wins, so a missing field is not
 * reported again by the structural checks that run over the stand-in value.
 */
final class SpecErrors {

    private final Map<String, SpecError> byField = new LinkedHashMap<>();

    void add(String field, String reason) {
        byField.putIfAbsent(field, new SpecError(field, reason));
    }

    boolean isEmpty() {
        return byField.isEmpty();
    }

    List<SpecError> list() {
        return List.copyOf(byField.values());
    }
}
