package io.sluice.local.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the engine's problem answers (RFC 7807): a rejected job spec lists its problems in {@code field-errors}
 * ({@code {"field", "reason"}}) and, Flink-style, in {@code errors} (strings); other failures explain themselves
 * in {@code detail}.
 */
final class ErrorBody {

    private ErrorBody() {}

    /** One line per problem, {@code field: reason}. */
    static List<String> errors(EngineClient.Response response) {
        JsonNode body = parse(response.body());
        List<String> lines = new ArrayList<>();
        for (JsonNode error : body.path("field-errors")) {
            lines.add(text(error, "field") + ": " + text(error, "reason"));
        }
        if (lines.isEmpty()) {
            body.path("errors").forEach(error -> lines.add(error.asString("")));
        }
        if (lines.isEmpty()) {
            String message = message(response);
            lines.add(message.isEmpty() ? "HTTP " + response.status() + " without details" : message);
        }
        return lines;
    }

    /** The engine's one-line explanation, or empty. */
    static String message(EngineClient.Response response) {
        JsonNode body = parse(response.body());
        String detail = text(body, "detail");
        return detail.isEmpty() ? text(body, "title") : detail;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() ? value.asString("") : "";
    }

    private static JsonNode parse(String body) {
        try {
            return EngineClient.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JacksonException notJson) {
            return EngineClient.JSON.createObjectNode();
        }
    }
}
