package io.sluice.engine.savepoint;

/**
 * Where savepoints go when a request names no target directory ({@code sluice.engine.savepoint-dir}).
 *
 * @param directory an absolute path or {@code file:} URI, or null when none is configured
 */
public record DefaultSavepointDirectory(String directory) {}
