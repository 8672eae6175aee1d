package io.sluice.engine.web;

import io.sluice.engine.savepoint.SavepointMode;
import io.sluice.graph.json.SpecError;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /jobs/{jobid}/savepoints} ({@code {"target-directory": ..., "cancel-job": bool}}) or of
 * {@code POST /jobs/{jobid}/stop} ({@code {"targetDirectory": ..., "drain": bool}}), Flink's names, both optional:
 * checked field by field into the directory and mode of the savepoint.
 *
 * @param targetDirectory where the savepoint directory is created, absolute
 */
record SavepointRequestBody(Path targetDirectory, SavepointMode mode) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A savepoint request body; without a directory {@code defaultDirectory} applies (null: none configured). */
    static SavepointRequestBody savepoint(String body, String defaultDirectory) {
        return parse(body, defaultDirectory, "target-directory", "cancel-job", SavepointMode.CANCEL);
    }

    /**
     * A stop request body. {@code drain} is accepted; operators flush at the end of the stopped input either way, as
     * at the end of bounded input.
     */
    static SavepointRequestBody stop(String body, String defaultDirectory) {
        return parse(body, defaultDirectory, "targetDirectory", "drain", SavepointMode.STOP);
    }

    private static SavepointRequestBody parse(
            String body, String defaultDirectory, String directoryField, String flagField, SavepointMode flagMode) {
        List<SpecError> errors = new ArrayList<>();
        JsonNode node = body == null || body.isBlank() ? JSON.createObjectNode() : read(body, errors);
        if (node != null && !node.isObject()) {
            errors.add(new SpecError("$", "must be a JSON object"));
            node = null;
        }
        String directory = defaultDirectory;
        boolean flag = false;
        if (node != null) {
            for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                if (!Set.of(directoryField, flagField).contains(name)) {
                    errors.add(new SpecError("$." + name, "unknown field; expected " + directoryField + " or "
                            + flagField));
                }
            }
            JsonNode given = node.get(directoryField);
            if (given != null && !given.isNull()) {
                if (given.isString() && !given.asString().isBlank()) {
                    directory = given.asString();
                } else {
                    errors.add(new SpecError("$." + directoryField, "must be a non-empty string"));
                }
            }
            JsonNode flagNode = node.get(flagField);
            if (flagNode != null && !flagNode.isNull()) {
                if (flagNode.isBoolean()) {
                    flag = flagNode.booleanValue();
                } else {
                    errors.add(new SpecError("$." + flagField, "must be true or false"));
                }
            }
        }
        Path target = null;
        boolean directoryReported = errors.stream().anyMatch(e -> e.field().equals("$." + directoryField));
        if (directory == null) {
            if (node != null && !directoryReported) {
                errors.add(new SpecError("$." + directoryField, "is required: no default savepoint directory is "
                        + "configured (sluice.engine.savepoint-dir)"));
            }
        } else {
            target = absolutePath(directory, "$." + directoryField, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        SavepointMode mode = flagMode == SavepointMode.STOP || flag ? flagMode : SavepointMode.KEEP_RUNNING;
        return new SavepointRequestBody(target, mode);
    }

    private static JsonNode read(String body, List<SpecError> errors) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            errors.add(new SpecError("$", "malformed JSON: " + e.getOriginalMessage()));
            return null;
        }
    }

    private static Path absolutePath(String directory, String field, List<SpecError> errors) {
        try {
            Path path = directory.startsWith("file:") ? Path.of(URI.create(directory)) : Path.of(directory);
            if (path.isAbsolute()) {
                return path.normalize();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(new SpecError(field, "must be an absolute path or a file: URI, got '" + directory + "'"));
        return null;
    }
}
