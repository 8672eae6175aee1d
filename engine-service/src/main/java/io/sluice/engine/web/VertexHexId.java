package io.sluice.engine.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The REST id of a vertex: 32 lowercase hex characters like every Flink id, the MD5 of the user's vertex id.
 * Stable across submissions of the same spec. Every vertex reference in a response goes through here.
 */
public final class VertexHexId {

    private VertexHexId() {}

    public static String of(String vertexId) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(vertexId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides MD5", e);
        }
    }
}
