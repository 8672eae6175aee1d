package io.sluice.graph.json;

import io.sluice.graph.FunctionSpec;
import io.sluice.graph.OperatorTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of one JSON object of a spec. Knows its JSON path, records every problem in the shared
 * {@link SpecErrors} instead of throwing, and remembers which fields were asked for so the rest can be reported as
 * unknown. Getters return a default (or null) when a field is missing or wrong, so reading continues.
 */
final class SpecReader {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|min|m|h|d)");
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final JsonNode node;
    private final String path;
    private final SpecErrors errors;
    private final ExpressionChecker checker;
    private final Set<String> known = new LinkedHashSet<>();

    private SpecReader(JsonNode node, String path, SpecErrors errors, ExpressionChecker checker) {
        this.node = node;
        this.path = path;
        this.errors = errors;
        this.checker = checker;
    }

    /** A reader for {@code node} if it is an object, else records the error and returns empty. */
    static Optional<SpecReader> of(JsonNode node, String path, SpecErrors errors, ExpressionChecker checker) {
        if (!node.isObject()) {
            errors.add(path, "must be an object, got " + typeOf(node));
            return Optional.empty();
        }
        return Optional.of(new SpecReader(node, path, errors, checker));
    }

    String path() {
        return path;
    }

    String path(String field) {
        return childPath(path, field);
    }

    void error(String field, String reason) {
        errors.add(path(field), reason);
    }

    void errorAt(String anyPath, String reason) {
        errors.add(anyPath, reason);
    }

    boolean has(String field) {
        known.add(field);
        return node.has(field);
    }

    String requiredString(String field) {
        if (!has(field)) {
            error(field, "is required");
            return null;
        }
        return string(field, null);
    }

    String string(String field, String defaultValue) {
        JsonNode value = value(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isString()) {
            error(field, "must be a string, got " + typeOf(value));
            return defaultValue;
        }
        if (value.stringValue().isBlank()) {
            error(field, "must not be blank");
            return defaultValue;
        }
        return value.stringValue();
    }

    int integer(String field, int defaultValue) {
        JsonNode value = value(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            error(field, "must be an integer, got " + describe(value));
            return defaultValue;
        }
        return value.intValue();
    }

    long longInteger(String field, long defaultValue) {
        JsonNode value = value(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            error(field, "must be an integer, got " + describe(value));
            return defaultValue;
        }
        return value.longValue();
    }

    double number(String field, double defaultValue) {
        JsonNode value = value(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isNumber()) {
            error(field, "must be a number, got " + describe(value));
            return defaultValue;
        }
        return value.doubleValue();
    }

    boolean bool(String field, boolean defaultValue) {
        JsonNode value = value(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            error(field, "must be true or false, got " + describe(value));
            return defaultValue;
        }
        return value.booleanValue();
    }

    /** An enum written in its JSON spelling ({@code text-lines}); the default (may be null) if absent or wrong. */
    /** A reader of the nested object {@code field}, if present and an object (else the error is recorded). */
    Optional<SpecReader> object(String field) {
        JsonNode value = value(field);
        return value == null ? Optional.empty() : of(value, path(field), errors, checker);
    }

    /**
     * A duration as {@link #durationMillis} reads it, at least {@code minimum}; the default if absent or wrong (error
     * recorded).
     */
    Duration duration(String field, Duration defaultValue, Duration minimum) {
        long millis = durationMillis(field, -1);
        if (millis < 0) {
            return defaultValue;
        }
        if (millis < minimum.toMillis()) {
            error(field, "must be at least " + minimum.toMillis() + "ms, got " + describe(node.get(field)));
            return defaultValue;
        }
        return Duration.ofMillis(millis);
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type, E defaultValue) {
        String text = string(field, null);
        if (text == null) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (OperatorTypes.jsonName(constant).equals(text)) {
                return constant;
            }
        }
        error(field, "unknown value '" + text + "'; expected one of: " + spellings(type));
        return defaultValue;
    }

    <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        if (!has(field)) {
            error(field, "is required; expected one of: " + spellings(type));
            return null;
        }
        return enumValue(field, type, null);
    }

    /** A checked expression, or null if absent or invalid (the error is recorded). */
    FunctionSpec.Expression expression(String field, boolean required) {
        if (required && !has(field)) {
            error(field, "is required");
            return null;
        }
        String source = string(field, null);
        if (source == null || !checkExpression(path(field), source)) {
            return null;
        }
        return new FunctionSpec.Expression(source);
    }

    /** An object of output field → expression, each checked on its own path; null if absent or not an object. */
    FunctionSpec.Projection projection(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject() || value.isEmpty()) {
            error(field, "must be a non-empty object of field name → expression, got " + describe(value));
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String entryPath = childPath(path(field), entry.getKey());
            if (!entry.getValue().isString()) {
                errors.add(entryPath, "must be an expression string, got " + describe(entry.getValue()));
            } else if (checkExpression(entryPath, entry.getValue().stringValue())) {
                fields.put(entry.getKey(), entry.getValue().stringValue());
            }
        }
        return new FunctionSpec.Projection(fields);
    }

    /**
     * A duration in milliseconds: an integer (milliseconds) or a string of digits with a unit {@code ms|s|m|h|d}
     * ({@code "200ms"}, {@code "2s"}); the default if absent or wrong (error recorded). Negative values are errors.
     */
    long durationMillis(String field, long defaultValue) {
        JsonNode value = value(field);
        if (value == null) {
            return defaultValue;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return value.longValue();
        }
        Matcher matcher =
                value.isString() ? DURATION.matcher(value.stringValue().trim()) : DURATION.matcher("");
        if (!matcher.matches()) {
            error(field, "must be a duration like \"200ms\", \"2s\", \"1m\", \"1h\", \"1d\" or milliseconds,"
                    + " got " + describe(value));
            return defaultValue;
        }
        long amount = Long.parseLong(matcher.group(1));
        long unit = switch (matcher.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        return Math.multiplyExact(amount, unit);
    }

    /** The field's text if it is a string, else null; records nothing and does not mark the field as read. */
    String peekString(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** The elements of an array field with their paths; empty if absent or not an array (error recorded). */
    List<Element> array(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            error(field, "must be an array, got " + typeOf(value));
            return List.of();
        }
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            elements.add(new Element(value.get(i), path(field) + "[" + i + "]"));
        }
        return elements;
    }

    /** Reports every field that no getter asked for. Call after reading all fields. */
    void rejectUnknownFields() {
        for (String field : node.propertyNames()) {
            if (!known.contains(field)) {
                error(field, "unknown field '" + field + "'; expected one of: " + String.join(", ", known));
            }
        }
    }

    private boolean checkExpression(String at, String source) {
        Optional<String> problem = checker.check(source);
        problem.ifPresent(reason -> errors.add(at, "invalid expression '" + source + "': " + reason));
        return problem.isEmpty();
    }

    /** The field's node, or null if absent; marks the field as known. */
    private JsonNode value(String field) {
        return has(field) ? node.get(field) : null;
    }

    static String childPath(String parent, String field) {
        return SIMPLE_NAME.matcher(field).matches()
                ? parent + "." + field
                : parent + "['" + field.replace("'", "\\'") + "']";
    }

    static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String describe(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? typeOf(node) + " " + node : typeOf(node);
    }

    private static String spellings(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(OperatorTypes::jsonName).collect(Collectors.joining(", "));
    }

    /** An array element and its path. */
    record Element(JsonNode node, String path) {}
}
