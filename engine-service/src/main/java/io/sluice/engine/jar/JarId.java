package io.sluice.engine.jar;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** The engine's id of an uploaded jar, Flink-shaped: 32 hex digits, '_', the uploaded file name (sanitized). */
public record JarId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}_[A-Za-z0-9._-]{1,128}");
    private static final int MAX_NAME = 120;

    public JarId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a jar id: " + value);
        }
    }

    public static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text).matches() && !text.contains("..");
    }

    /** A new id for an upload named {@code fileName} (characters outside [A-Za-z0-9._-] become '_'). */
    public static JarId forUpload(String fileName) {
        String base = fileName == null ? "" : fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_").replace("..", "_");
        if (safe.isEmpty()) {
            safe = "job.jar";
        }
        if (safe.length() > MAX_NAME) {
            safe = safe.substring(safe.length() - MAX_NAME);
        }
        return new JarId(UUID.randomUUID().toString().replace("-", "") + "_" + safe);
    }

    /** The file name the user uploaded (sanitized). */
    public String fileName() {
        return value.substring(33);
    }

    @Override
    public String toString() {
        return value;
    }
}
