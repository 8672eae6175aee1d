package io.sluice.graph;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A jar uploaded to the engine that holds a job's classes. Workers fetch it from the engine by id and check it
 * against the checksum before loading anything from it.
 *
 * @param jarId the engine's id of the upload ({@code GET /jars/{jarId}/content})
 * @param sha256 SHA-256 of the jar's bytes, 64 lowercase hex digits
 */
public record UserJar(String jarId, String sha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public UserJar {
        Objects.requireNonNull(jarId, "jarId");
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, got " + sha256);
        }
    }
}
