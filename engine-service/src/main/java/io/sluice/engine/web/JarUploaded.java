package io.sluice.engine.web;

/**
 * Response of {@code POST /jars/upload}: Flink's {@code filename} (whose last path segment is the jar id, as
 * Flink clients read it) and {@code status}, plus the id and checksum outright.
 */
public record JarUploaded(String filename, String status, String id, String sha256) {}
