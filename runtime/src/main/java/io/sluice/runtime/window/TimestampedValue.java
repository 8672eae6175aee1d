package io.sluice.runtime.window;

/** An element kept in a window with its timestamp (what evictors and process functions see). */
public record TimestampedValue(Object value, long timestamp) {}
